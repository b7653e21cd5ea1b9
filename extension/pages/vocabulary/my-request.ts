import type { TspRequestRow } from '../../protocol-types';
import { MY_REQUEST_HINT } from './list-hints';
import { PARTNER_WORDS, type PageVocabulary } from './vocabulary';

/** Seller Center > TikTok Shop Partner > My request (seed 000): the seller's requests to partners. */
export const MY_REQUEST: PageVocabulary<keyof TspRequestRow> = {
  ...MY_REQUEST_HINT,
  required: ['partner', 'status'],
  requiredWithHint: ['partner', 'status'],
  fields: [
    {
      key: 'partner',
      shape: 'title',
      labels: [...PARTNER_WORDS, 'requested partner'],
      tids: ['partner', 'provider', 'tsp_name'],
    },
    {
      key: 'reference',
      shape: 'date',
      labels: [
        'request id',
        'request no',
        'request no.',
        'request number',
        'request time',
        'request date',
        'requested on',
        'requested at',
        'submitted',
        'submitted at',
        'submitted on',
        'submitted time',
        'submission time',
        'submission date',
        'created',
        'created at',
        'created on',
        'created time',
        'creation time',
        'applied on',
        'application time',
        'date',
      ],
      tids: ['request_id', 'requestid', 'submit', 'create_time', 'createtime', 'request_time'],
    },
    {
      key: 'status',
      shape: 'status',
      labels: ['status', 'request status', 'state', 'progress', 'result'],
      tids: ['status'],
    },
  ],
};
