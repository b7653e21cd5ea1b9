import { describe, expect, it } from 'vitest';
import { type Presence, reconcilePresence, withEvent } from '../../shared/presence';

const listed = (...ids: string[]) => new Set(ids);

describe('what disappears from a list (presence, on a complete list only)', () => {
  const known: Presence[] = [{ id: 'seen', listedAt: 1 }, { id: 'never-listed' }, { id: 'already-gone', listedAt: 1, lostAt: 2 }];

  it('marks gone what was listed before and is missing from a complete list', () => {
    expect(reconcilePresence(known, listed(), true)).toEqual({ gone: ['seen'], back: [] });
  });

  it('marks nothing gone from an incomplete list, but still sees what came back', () => {
    expect(reconcilePresence(known, listed(), false)).toEqual({ gone: [], back: [] });
    expect(reconcilePresence(known, listed('already-gone'), false)).toEqual({ gone: [], back: ['already-gone'] });
  });

  it('never marks gone what was never listed (a request just sent is not yet in the list)', () => {
    expect(reconcilePresence([{ id: 'sent' }], listed(), true).gone).toEqual([]);
  });

  it('marks each loss once, and a record listed again comes back', () => {
    expect(reconcilePresence(known, listed('seen', 'already-gone'), true)).toEqual({ gone: [], back: ['already-gone'] });
  });

  it.each([
    [true, true, false, { gone: [], back: [] }],
    [true, false, false, { gone: ['x'], back: [] }],
    [true, false, true, { gone: [], back: [] }],
    [true, true, true, { gone: [], back: ['x'] }],
    [false, false, false, { gone: [], back: [] }],
    [false, true, false, { gone: [], back: [] }],
  ])('listedBefore=%s listedNow=%s lostBefore=%s: %o', (before, now, lost, expected) => {
    const record: Presence = { id: 'x', listedAt: before ? 1 : undefined, lostAt: lost ? 2 : undefined };
    expect(reconcilePresence([record], now ? listed('x') : listed(), true)).toEqual(expected);
  });

  it('history keeps the newest events, bounded', () => {
    let record: { history?: { at: number; event: string }[] } = {};
    for (let i = 0; i < 5; i++) record = withEvent(record, { at: i, event: 'no_longer_listed' }, 3);
    expect(record.history?.map((e) => e.at)).toEqual([2, 3, 4]);
  });
});
