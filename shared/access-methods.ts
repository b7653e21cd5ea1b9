import type { ShopAccessStatus } from './statuses';

/**
 * A Business Center can reach a shop two ways: "Add My TikTok Shop" and "Request Access To Other's
 * TikTok Shop". Seed 004: whichever the shop accepts first wins and the other expires; while neither
 * is accepted both stay valid; an accepted request never expires.
 */
export const ACCESS_METHODS = ['add_my_shop', 'request_access'] as const;
export type AccessMethod = (typeof ACCESS_METHODS)[number];

export interface AccessAttempt {
  id: string;
  businessCenterId: string;
  shopCode: string;
  method: AccessMethod;
  status: ShopAccessStatus;
}

/** The status changes that follow the shop accepting `acceptedId`. */
export function settleAcceptance(attempts: readonly AccessAttempt[], acceptedId: string): Map<string, ShopAccessStatus> {
  const accepted = attempts.find((a) => a.id === acceptedId);
  if (!accepted) throw new Error(`no access request ${acceptedId}`);
  const changes = new Map<string, ShopAccessStatus>();
  if (accepted.status === 'approved') return changes;
  if (accepted.status !== 'pending') throw new Error(`request ${acceptedId} is ${accepted.status}, not pending`);
  changes.set(accepted.id, 'approved');
  for (const other of attempts) {
    if (other.id === accepted.id) continue;
    if (other.businessCenterId !== accepted.businessCenterId || other.shopCode !== accepted.shopCode) continue;
    if (other.method !== accepted.method && other.status === 'pending') changes.set(other.id, 'expired');
  }
  return changes;
}

/**
 * Whether a new request of `method` from one Business Center for one shop would be a duplicate, given
 * that Business Center's existing attempts for that shop. Access already granted blocks any method;
 * a request waiting (or queued) blocks only its own method, since the seed lets both methods wait.
 */
export function blocksNewRequest(
  existing: readonly (Pick<AccessAttempt, 'status' | 'method'> & { lostAt?: number })[],
  method: AccessMethod,
): boolean {
  // Access lost, or a request withdrawn, no longer stands in the way of asking again.
  return existing.some(
    (a) =>
      a.lostAt === undefined &&
      (a.status === 'approved' || (a.method === method && (a.status === 'pending' || a.status === 'queued'))),
  );
}

/** A request still pending after this many days is marked waiting, with TikTok's resend offered. */
export const WAITING_AFTER_DAYS = 3;

export function isWaiting(
  request: { status: ShopAccessStatus; requestedAt?: number; firstSeenAt?: number; lostAt?: number },
  now: number,
  days: number = WAITING_AFTER_DAYS,
): boolean {
  // A request made by hand on a day nobody knows is at least as old as its first sight in the list.
  const since = request.requestedAt ?? request.firstSeenAt;
  // A pending request gone from the Shops list was withdrawn or rejected: it waits on no one.
  return request.status === 'pending' && request.lostAt === undefined && since !== undefined && now - since > days * 86_400_000;
}
