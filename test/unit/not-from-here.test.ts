import { describe, expect, it } from 'vitest';
import { notFromHere } from '../../extension/ui/access-requests';
import type { ShopAccessRequest } from '../../shared/schemas';

const base = {
  id: '7000000000009:USLCHAND01:request_access',
  businessCenterId: '7000000000009',
  shopCode: 'USLCHAND01',
  method: 'request_access',
  byHand: true,
  resends: [],
  createdAt: 0,
  updatedAt: 0,
  firstSeenAt: Date.UTC(2026, 11, 4, 12),
} as unknown as ShopAccessRequest;

describe('a request this browser never sent says where it came from', () => {
  it('dated: requested by hand on that day, counted in its 20', () => {
    expect(notFromHere({ ...base, status: 'pending', requestedAt: Date.UTC(2026, 11, 4, 9) })).toMatch(
      /^requested by hand in Business Center on .+, counted in that day's 20$/,
    );
  });
  it('pending, day unknown: requested by hand, first seen', () => {
    expect(notFromHere({ ...base, status: 'pending' })).toMatch(
      /^requested by hand in Business Center; first seen .+, day unknown$/,
    );
  });
  it('approved, and seen pending before: still requested by hand', () => {
    const seenPending = { ...base, status: 'approved', history: [{ at: 1, event: 'pending' }] } as ShopAccessRequest;
    expect(notFromHere(seenPending)).toMatch(/^requested by hand/);
  });
  it('approved at first sight: not called a request by hand (the seller may have added it)', () => {
    expect(notFromHere({ ...base, status: 'approved', history: [{ at: 1, event: 'approved' }] } as ShopAccessRequest)).toMatch(
      /^not requested from this extension: added by the seller, or approved before it first read this list/,
    );
  });
});
