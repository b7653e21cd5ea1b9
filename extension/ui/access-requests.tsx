import { isWaiting } from '../../shared/access-methods';
import type { ShopAccessRequest } from '../../shared/schemas';
import type { RejectedCandidate } from '../../shared/shop-code';

const STATUS = {
  queued: 'Queued',
  pending: 'Pending approval',
  approved: 'Approved',
  expired: 'Expired',
  failed: 'Not sent',
  removed: 'Removed',
} as const;

/** The status in a word or three, as the dashboard filters and sorts by it. */
export function accessStatusWord(request: ShopAccessRequest, now: number): string {
  if (request.lostAt !== undefined) return request.status === 'approved' ? 'Access lost' : 'Withdrawn or rejected';
  return isWaiting(request, now) ? 'Waiting on the seller' : STATUS[request.status];
}

/** How a shop-access request reads to the agency, with "waiting" for those pending too long. */
export function accessStatusLabel(request: ShopAccessRequest, now: number): string {
  if (request.lostAt !== undefined) {
    const lastSeen = new Date(request.listedAt ?? request.lostAt).toLocaleDateString();
    return request.status === 'approved'
      ? `Access lost (no longer in the Shops list; last seen ${lastSeen})`
      : `Withdrawn or rejected (gone from the Shops list; last seen ${lastSeen})`;
  }
  return isWaiting(request, now) ? 'Waiting on the seller' : STATUS[request.status];
}

export interface IntakeOutcome {
  added: string[];
  rejected: RejectedCandidate[];
}

/** What a paste gave: the codes kept, and each rejected candidate with its reason, as text. */
export function IntakeResult({ intake, testId }: { intake: IntakeOutcome; testId: string }) {
  return (
    <div data-testid={testId}>
      <p class="muted">Added: {intake.added.length ? intake.added.join(', ') : 'none'}</p>
      {intake.rejected.length > 0 && (
        <ul>
          {intake.rejected.map((r) => (
            <li key={r.candidate}>
              <span class="code">{r.candidate}</span>: {r.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Where a request this browser never sent came from. Seen pending, it was asked for by hand in
 * Business Center; seen approved at once, the seller may have added the Business Center, or it was
 * approved before the extension first read the list: it asked nothing of the day's 20.
 */
export function notFromHere(r: ShopAccessRequest): string {
  const seen = r.firstSeenAt !== undefined ? new Date(r.firstSeenAt).toLocaleDateString() : null;
  if (r.requestedAt !== undefined)
    return `requested by hand in Business Center on ${new Date(r.requestedAt).toLocaleDateString()}, counted in that day's 20`;
  if (r.status === 'pending' || r.history?.some((h) => h.event === 'pending'))
    return `requested by hand in Business Center${seen ? `; first seen ${seen}, day unknown` : ''}`;
  return `not requested from this extension: added by the seller, or approved before it first read this list${seen ? ` (first seen ${seen})` : ''}`;
}
