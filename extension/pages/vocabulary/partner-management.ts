import type { PartnerAccessRow } from '../../protocol-types';
import { PARTNER_MANAGEMENT_HINT } from './list-hints';
import type { PageVocabulary } from './vocabulary';

/** Seller Center > Ads > Account Management > Partner Management (seed 004): Business Centers with access. */
export const PARTNER_MANAGEMENT: PageVocabulary<keyof PartnerAccessRow> = {
  ...PARTNER_MANAGEMENT_HINT,
  required: ['businessCenterName', 'businessCenterId', 'status'],
  requiredWithHint: ['businessCenterName', 'status'],
  fields: [
    {
      key: 'businessCenterName',
      shape: 'title',
      labels: [
        'business center',
        'business center name',
        'partner',
        'partner name',
        'bc',
        'bc name',
        'partner business center',
        'agency',
        'name',
      ],
      tids: ['bc_name', 'business_center_name', 'partner_name'],
    },
    {
      key: 'businessCenterId',
      shape: 'id',
      labels: ['business center id', 'bc id', 'partner id', 'partner business center id', 'id', 'organization id', 'org id'],
      tids: ['bc_id', 'business_center_id', 'partner_id', 'org_id'],
    },
    {
      key: 'permission',
      shape: 'text',
      labels: ['permission', 'permissions', 'role', 'access level', 'access', 'access type', 'permission type'],
      tids: ['permission', 'role'],
    },
    {
      key: 'status',
      shape: 'status',
      labels: ['status', 'access status', 'state', 'request status'],
      tids: ['status'],
    },
  ],
};
