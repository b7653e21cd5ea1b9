import type { BadgeView } from '../../shared/authorization-badge';
import { sellerCenterHost } from '../../shared/markets';
import { readStatus } from '../../shared/statuses';
import { sendMessage } from '../messaging';
import { toPartnerRow } from '../pages/partner-management';
import { PARTNER_MANAGEMENT } from '../pages/vocabulary/partner-management';
import type { PartnerAccessRow } from '../protocol-types';
import { LIST_HELPERS } from './list-helper-names';
import { lossLines, wholeness } from './list-loss';
import { listPageFeature } from './list-page-helper';
import { UNKNOWN_SHOP_LINE } from './page-shop';

/** Ads > Account Management > Partner Management: every Business Center with access, or asking, kept per shop. */
export function partnerManagement() {
  return listPageFeature<keyof PartnerAccessRow, PartnerAccessRow>(
    {
      id: LIST_HELPERS.partnerManagement.id,
      vocabulary: PARTNER_MANAGEMENT,
      toRow: toPartnerRow,
      rowKey: (row) => row.businessCenterId ?? row.businessCenterName,
      badge: {
        field: 'status',
        view: (row, marks) =>
          marks.get(row.businessCenterId ?? row.businessCenterName) ??
          (readStatus('partnerAccess', row.status).known
            ? null
            : { tone: 'unreadable', label: 'Status unreadable', title: `Status text not recognised: "${row.status}"` }),
      },
      async save(rows, shop, _page, completeness) {
        const counts = rows.reduce<Record<string, number>>((acc, row) => {
          const read = readStatus('partnerAccess', row.status);
          const key = read.known ? read.status : 'unreadable';
          acc[key] = (acc[key] ?? 0) + 1;
          return acc;
        }, {});
        const summary = Object.entries(counts)
          .map(([status, n]) => `${n} ${status}`)
          .join(', ');
        const lines = [{ text: `${rows.length} Business Centers: ${summary || 'none'}.` }];
        if (!shop) return { lines: [...lines, { text: UNKNOWN_SHOP_LINE, tone: 'warn' }] };
        const saved = await sendMessage('recordPartnerAccess', { shopCode: shop.shopCode, rows, ...wholeness(completeness) });
        // A Business Center new since the last visit is marked in its own row, not only named here.
        const marks = new Map<string, BadgeView>(
          saved.addedKeys.map((key) => [
            key,
            { tone: 'notice', label: 'New', title: 'New in Partner Management since your last visit' },
          ]),
        );
        return {
          marks,
          lines: [
            ...lines,
            { text: `Saved for shop ${shop.shopCode}.` },
            ...(saved.added.length
              ? [{ text: `New since your last visit: ${saved.added.join(', ')}.`, tone: 'warn' as const }]
              : []),
            ...lossLines(completeness, saved.gone, 'Removed (no longer listed)'),
          ],
        };
      },
    },
    (url) => sellerCenterHost(url.hostname) !== null,
  );
}
