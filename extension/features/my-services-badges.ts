import { type AuthorizationRow, interpretAuthorization } from '../../shared/authorization-badge';
import { expiryLabel, isNearExpiration } from '../../shared/expiry';
import { sellerCenterHost } from '../../shared/markets';
import { dateOrderFor } from '../../shared/page-dates';
import { renewalAdvice, renewalLinkRequest, renewalPath } from '../../shared/renewal';
import type { Shop } from '../../shared/schemas';
import { isAuthorizationCountingDown } from '../../shared/statuses';
import { sendMessage } from '../messaging';
import { toServiceRow } from '../pages/my-services';
import { MY_SERVICES } from '../pages/vocabulary/my-services';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { PanelLine } from '../ui/HelperPanel';
import { LIST_HELPERS } from './list-helper-names';
import { lossLines, wholeness } from './list-loss';
import { listPageFeature } from './list-page-helper';
import { UNKNOWN_SHOP_LINE } from './page-shop';

/**
 * What to do about the services expiring within the notice window, as the shop's region allows
 * (seed 000): where only the partner's link renews, one line per service with the message asking
 * for it, ready to copy; elsewhere one line pointing to Renew.
 */
export function renewalLines(
  due: { row: AuthorizationRow; expiresAt: number; days: number }[],
  shop: Pick<Shop, 'shopCode' | 'name' | 'region' | 'sellerType'>,
): PanelLine[] {
  if (due.length === 0) return [];
  const path = renewalPath(shop);
  if (path.way !== 'link') {
    return [{ text: `${due.length} service(s) expire within the notice window: ${renewalAdvice(path)}` }];
  }
  return due.map(({ row, expiresAt, days }) => ({
    text: `${row.serviceName} (${row.partner ?? 'partner'}): ${expiryLabel(days).toLowerCase()}; ${path.why}.`,
    copy: {
      label: 'Ask for a renewal link',
      text: renewalLinkRequest({
        serviceName: row.serviceName,
        partner: row.partner ?? 'partner',
        shopCode: shop.shopCode,
        shopName: shop.name,
        expiresAt,
      }),
      // Copied is asked: the dashboard then shows the renewal under way and offers "Link received".
      onCopied: () =>
        void sendMessage('markRenewalAsked', {
          shopCode: shop.shopCode,
          serviceName: row.serviceName,
          partner: row.partner,
        }).catch(() => {}),
    },
  }));
}

/**
 * My Services: a badge in each row with the days left ("12 days left", "Expires today",
 * "Expired 3 days ago", or the status when it no longer counts down), and the rows kept for the
 * current shop so the chip, the toolbar badge and the reminders know them.
 */
export function myServicesBadges() {
  let settings: Settings = DEFAULT_SETTINGS;
  let order = dateOrderFor(undefined);
  return listPageFeature<keyof AuthorizationRow, AuthorizationRow>(
    {
      id: LIST_HELPERS.myServices.id,
      vocabulary: MY_SERVICES,
      toRow: toServiceRow,
      rowKey: (row) => `${row.serviceName}|${row.partner}`,
      async prepare() {
        settings = await sendMessage('getSettings');
        order = dateOrderFor(sellerCenterHost(location.hostname)?.market);
      },
      badge: { field: 'expiresAt', view: (row) => interpretAuthorization(row, order, new Date(), settings).badge },
      async save(rows, shop, page, completeness) {
        const now = new Date();
        const read = rows.map((row) => interpretAuthorization(row, order, now, settings));
        const soon = read.filter((r) => r.badge.tone === 'today' || r.badge.tone === 'urgent').length;
        const unreadable = read.filter((r) => r.badge.tone === 'unreadable').length;
        const lines: PanelLine[] = [
          { text: `${rows.length} services read; ${soon} expire within ${settings.urgentDays} days.` },
          ...(unreadable
            ? [
                {
                  text: `${unreadable} rows have text that could not be read; they are marked "unreadable".`,
                  tone: 'warn' as const,
                },
              ]
            : []),
        ];
        if (!shop) return { lines: [...lines, { text: UNKNOWN_SHOP_LINE, tone: 'warn' }] };
        const due = rows.flatMap((row, i) => {
          const r = read[i];
          const days = r?.daysLeft ?? null;
          const countingDown = r?.status != null && isAuthorizationCountingDown(r.status);
          return countingDown && r.expiresAt !== null && days !== null && isNearExpiration(days, settings.noticeDays)
            ? [{ row, expiresAt: r.expiresAt, days }]
            : [];
        });
        lines.push(...renewalLines(due, shop));
        const saved = await sendMessage('recordAuthorizations', {
          shopCode: shop.shopCode,
          rows,
          order,
          pageUrl: page.href,
          ...wholeness(completeness),
        });
        return {
          lines: [
            ...lines,
            { text: `Saved for shop ${shop.shopCode}${shop.name ? ` (${shop.name})` : ''}.` },
            ...lossLines(completeness, saved.gone, 'No longer listed (they stop counting down and reminding)'),
          ],
        };
      },
    },
    (url) => sellerCenterHost(url.hostname) !== null,
  );
}
