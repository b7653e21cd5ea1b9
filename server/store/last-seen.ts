/**
 * "Last seen" is kept to the minute: writing it on every request would make each pull a write
 * transaction (and an fsync) and cost a push a quarter of its time.
 */
export const LAST_SEEN_PRECISION_MS = 60_000;

export function isStale(lastSeenAt: number | null, now: number): boolean {
  return lastSeenAt === null || now - lastSeenAt >= LAST_SEEN_PRECISION_MS;
}
