/**
 * Business Center lets one Business Center send at most 20 shop-access requests a day (seed 004),
 * shared by all its members. TikTok does not document which day boundary it uses; we count calendar
 * days in a stated time zone (UTC unless configured) and say so in the UI.
 */
export const DAILY_REQUEST_QUOTA = 20;
export const DEFAULT_QUOTA_TIME_ZONE = 'UTC';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The quota day an instant falls on, as YYYY-MM-DD in the given IANA time zone. */
export function quotaDay(at: Date | number, timeZone: string = DEFAULT_QUOTA_TIME_ZONE): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, format);
  }
  return format.format(at);
}

export interface QuotaState {
  day: string;
  used: number;
  remaining: number;
  limit: number;
}

/** Counts the requests one Business Center sent on the quota day of `now`. */
export function quotaState(
  sentAt: Iterable<number>,
  now: Date | number,
  timeZone: string = DEFAULT_QUOTA_TIME_ZONE,
  limit: number = DAILY_REQUEST_QUOTA,
): QuotaState {
  const day = quotaDay(now, timeZone);
  let used = 0;
  for (const at of sentAt) if (quotaDay(at, timeZone) === day) used++;
  return { day, used, remaining: Math.max(0, limit - used), limit };
}

/** Splits a batch into what may be sent today and what waits for the next quota day. */
export function planBatch<T>(items: readonly T[], state: Pick<QuotaState, 'remaining'>): { sendNow: T[]; queued: T[] } {
  const room = Math.max(0, state.remaining);
  return { sendNow: items.slice(0, room), queued: items.slice(room) };
}

/** Whether a request used one of the day's 20: it was sent (or seen made by hand), not queued or refused by TikTok. */
export function countsTowardQuota<T extends { requestedAt?: number; status: string }>(r: T): r is T & { requestedAt: number } {
  return r.requestedAt !== undefined && r.status !== 'queued' && r.status !== 'failed';
}

/**
 * What a request for a shop is claimed under in the team's count for its day: its shop code; once
 * access to the shop was lost (or a request withdrawn) `lostBefore` times, the code and which
 * request this is (`CODE#2`), so a new request for one shop on one day counts again, while every
 * browser that sees the same request (sent from the panel or made by hand) claims the same key.
 */
export function requestClaimKey(shopCode: string, lostBefore: number): string {
  return lostBefore > 0 ? `${shopCode}#${lostBefore + 1}` : shopCode;
}

/** A claim key as `requestClaimKey` makes it: a shop code, then #2 to #999 for a later request. */
export const CLAIM_KEY = /^[A-Z0-9]{6,20}(#([2-9]|[1-9][0-9]{1,2}))?$/;
