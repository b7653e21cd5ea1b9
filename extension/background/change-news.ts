import type { PartnerAccess, ShopAccessRequest, TspAuthorization } from '../../shared/schemas';
import { businessCenterLabel } from '../../shared/shop-assignment';

/** A change worth a notification, with an id that is the same in every browser that learns of it. */
export interface News {
  id: string;
  title: string;
  message: string;
  shopCode: string;
}

export function accessLostNews(r: ShopAccessRequest): News {
  return {
    id: `lost:${r.id}:${r.lostAt}`,
    title: 'Access to a shop was lost',
    message: `${r.shopCode} is no longer in the Shops list of ${businessCenterLabel(r.businessCenterId, r.businessCenterName)}: its campaigns may stop delivering.`,
    shopCode: r.shopCode,
  };
}

export function businessCenterRemovedNews(a: PartnerAccess): News {
  return {
    id: `removed:${a.id}:${a.lostAt}`,
    title: 'A Business Center no longer has access',
    message: `${a.businessCenterName} is no longer listed in Partner Management for shop ${a.shopCode}.`,
    shopCode: a.shopCode,
  };
}

export function partnerClosedNews(a: TspAuthorization): News {
  // The closing is the last status change in its history: a service closed again later is news again.
  const closedAt = a.history?.findLast((h) => /status/.test(h.event))?.at ?? 0;
  return {
    id: `closed:${a.id}:${closedAt}`,
    title: 'A partner service was closed',
    message: `${a.serviceName} (${a.partner}) for shop ${a.shopCode} is now Closed: it no longer works for the shop.`,
    shopCode: a.shopCode,
  };
}

/** Older changes arrive when a browser joins a team: its past is in What changed, not in notifications. */
export const TEAM_NEWS_WINDOW_MS = 7 * 86_400_000;

/** The collections whose records can carry news from a teammate's browser. */
export const NEWS_COLLECTIONS = ['accessRequests', 'partnerAccess', 'authorizations'] as const;

/**
 * News in records a teammate's browser wrote, arriving by sync: the owner of a shop hears of a
 * loss wherever it was seen. Each has the id the reading browser gave it, so none is told twice.
 */
export function newsFromTeam(collection: string, rows: readonly unknown[], now: number): News[] {
  const recent = (at: number | undefined) => at !== undefined && now - at <= TEAM_NEWS_WINDOW_MS;
  if (collection === 'accessRequests')
    return (rows as ShopAccessRequest[]).filter((r) => r.status === 'approved' && recent(r.lostAt)).map(accessLostNews);
  if (collection === 'partnerAccess')
    return (rows as PartnerAccess[]).filter((a) => recent(a.lostAt)).map(businessCenterRemovedNews);
  if (collection === 'authorizations')
    return (rows as TspAuthorization[])
      .filter((a) => {
        const last = a.history?.at(-1);
        // Closed now, and the last thing that happened to it was a change of status: it turned Closed then.
        return a.status === 'closed' && last !== undefined && recent(last.at) && /status/.test(last.event);
      })
      .map(partnerClosedNews);
  return [];
}
