import type { BadgeView } from '../../shared/authorization-badge';
import { sellerCenterHost } from '../../shared/markets';
import { tspRequestId } from '../../shared/record-ids';
import { readStatus } from '../../shared/statuses';
import { sendMessage } from '../messaging';
import { toRequestRow } from '../pages/tsp-requests';
import { MY_REQUEST } from '../pages/vocabulary/my-request';
import type { TspRequestRow } from '../protocol-types';
import { LIST_HELPERS } from './list-helper-names';
import { listPageFeature } from './list-page-helper';

/**
 * "My request": keeps every request's status with a history of each change, and highlights the
 * rows whose status changed since the last visit. An unknown status is kept as text and marked.
 */
export function tspRequestTracking() {
  let shopCode: string | undefined;
  return listPageFeature<keyof TspRequestRow, TspRequestRow>(
    {
      id: LIST_HELPERS.myRequest.id,
      vocabulary: MY_REQUEST,
      toRow: toRequestRow,
      rowKey: (row) => tspRequestId(shopCode, row),
      badge: {
        field: 'status',
        view: (row, marks) => {
          const mark = marks.get(tspRequestId(shopCode, row));
          if (mark) return mark;
          const read = readStatus('tspRequest', row.status);
          return read.known
            ? null
            : { tone: 'unreadable', label: 'Status unreadable', title: `Status text not recognised: "${row.status}"` };
        },
      },
      async save(rows, shop) {
        shopCode = shop?.shopCode;
        const changes = await sendMessage('recordTspRequests', { shopCode, rows });
        const marks = new Map<string, BadgeView>(
          changes.map((c) => [
            c.id,
            c.unexpected
              ? {
                  tone: 'unreadable',
                  label: 'Unexpected change',
                  title: `Was "${c.from}", now "${c.to}": a request does not usually go back like this; kept as seen`,
                }
              : { tone: 'notice', label: 'Changed since last visit', title: `Was "${c.from}", now "${c.to}"` },
          ]),
        );
        const where = shop ? `for shop ${shop.shopCode}` : 'for an unidentified shop (open Seller information once to tell)';
        return {
          marks,
          lines: [{ text: `${rows.length} requests tracked ${where}; ${changes.length} changed since your last visit.` }],
        };
      },
    },
    (url) => sellerCenterHost(url.hostname) !== null,
  );
}
