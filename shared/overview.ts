import { DEFAULT_THRESHOLDS, daysLeft, type ExpiryBand, type ExpiryThresholds, expiryBand } from './expiry';
import { countsTowardQuota, DAILY_REQUEST_QUOTA, quotaDay } from './quota';
import type { ShopAccessStatus, TspAuthorizationStatus, TspRequestStatus } from './statuses';
import { isAuthorizationCountingDown } from './statuses';

const DAY_MS = 86_400_000;

/** One expiry on the timeline: which shop's row, how many days from today, and its band. */
export interface TimelinePoint {
  shopCode: string;
  label: string;
  day: number;
  band: ExpiryBand;
}

/**
 * The authorizations that still count down and end within `days` from today, one row per shop,
 * soonest first: what the Overview draws. Ended, no-longer-listed and undated ones have no point.
 */
export function expiryTimeline(
  authorizations: readonly {
    shopCode: string;
    serviceName: string;
    partner: string;
    status: TspAuthorizationStatus | null;
    expiresAt: number | null;
    lostAt?: number;
  }[],
  now: number,
  days = 90,
  thresholds: ExpiryThresholds = DEFAULT_THRESHOLDS,
): { shops: string[]; points: TimelinePoint[] } {
  const points = authorizations.flatMap((a) => {
    if (a.status === null || !isAuthorizationCountingDown(a.status) || a.expiresAt === null || a.lostAt !== undefined) return [];
    const day = daysLeft(new Date(a.expiresAt), new Date(now));
    if (day < 0 || day > days) return [];
    return [{ shopCode: a.shopCode, label: `${a.serviceName} (${a.partner})`, day, band: expiryBand(day, thresholds) }];
  });
  points.sort((x, y) => x.day - y.day || x.shopCode.localeCompare(y.shopCode));
  return { shops: [...new Set(points.map((p) => p.shopCode))], points };
}

/** How long requests have waited, in the buckets a person acts on. */
export const AGE_BUCKETS = [
  { label: 'under 3 days', upTo: 2 },
  { label: '3 to 6 days', upTo: 6 },
  { label: '1 to 2 weeks', upTo: 13 },
  { label: '2 weeks or more', upTo: Number.POSITIVE_INFINITY },
] as const;

/**
 * Requests still waiting on the other side, counted by age: Business Center access requests
 * pending the seller's approval, and TSP requests the partner is reviewing (from when first seen so).
 */
export function waitingByAge(
  access: readonly { status: ShopAccessStatus; requestedAt?: number; firstSeenAt?: number; lostAt?: number }[],
  partner: readonly {
    status: TspRequestStatus | null;
    history: readonly { status: TspRequestStatus | null; seenAt: number }[];
    lastSeenAt: number;
  }[],
  now: number,
): { label: string; access: number; partner: number }[] {
  const bucket = (since: number) => {
    const age = Math.max(0, Math.floor((now - since) / DAY_MS));
    return AGE_BUCKETS.findIndex((b) => age <= b.upTo);
  };
  const counts = AGE_BUCKETS.map((b) => ({ label: b.label, access: 0, partner: 0 }));
  for (const r of access) {
    if (r.status !== 'pending' || r.lostAt !== undefined) continue;
    const row = counts[bucket(r.requestedAt ?? r.firstSeenAt ?? now)];
    if (row) row.access++;
  }
  for (const r of partner) {
    if (r.status !== 'partner_reviewing') continue;
    // Since the last time it turned Partner reviewing (a request sent again starts over).
    const since = [...r.history]
      .reverse()
      .find((h, i, all) => h.status === 'partner_reviewing' && all[i + 1]?.status !== 'partner_reviewing');
    const row = counts[bucket(since?.seenAt ?? r.lastSeenAt)];
    if (row) row.partner++;
  }
  return counts;
}

/**
 * Each Business Center's requests sent per quota day over the last `days` (today last), counted in
 * that Business Center's own time zone, from the access requests the extension sent or saw made
 * by hand, against the daily limit.
 */
export function quotaUse(
  requests: readonly { businessCenterId: string; businessCenterName?: string; requestedAt?: number; status: ShopAccessStatus }[],
  now: number,
  days = 14,
  timeZoneOf: (businessCenterId: string) => string | undefined = () => undefined,
): { businessCenterId: string; name: string; perDay: { day: string; sent: number }[]; limit: number }[] {
  const byOrg = new Map<string, { name: string; sent: Map<string, number> }>();
  for (const r of requests) {
    if (!countsTowardQuota(r)) continue;
    const org = byOrg.get(r.businessCenterId) ?? { name: r.businessCenterName ?? r.businessCenterId, sent: new Map() };
    const day = quotaDay(r.requestedAt, timeZoneOf(r.businessCenterId));
    org.sent.set(day, (org.sent.get(day) ?? 0) + 1);
    byOrg.set(r.businessCenterId, org);
  }
  return [...byOrg].flatMap(([businessCenterId, org]) => {
    const zone = timeZoneOf(businessCenterId);
    const perDay = Array.from({ length: days }, (_, i) => quotaDay(now - (days - 1 - i) * DAY_MS, zone)).map((day) => ({
      day,
      sent: org.sent.get(day) ?? 0,
    }));
    // Only what was sent within the window is drawn.
    return perDay.some((d) => d.sent > 0) ? [{ businessCenterId, name: org.name, perDay, limit: DAILY_REQUEST_QUOTA }] : [];
  });
}
