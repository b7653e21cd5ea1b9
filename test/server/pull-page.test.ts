import { describe, expect, it } from 'vitest';
import { type PullRow, pullPageJson } from '../../server/sync/pull-page';
import { purgedThroughByTeam } from '../../server/sync/purge';
import { mustRefetchAfter } from '../../shared/sync-protocol';

const row = (version: number, id: string, fields: unknown, deleted = false): PullRow => ({
  collection: 'shops',
  id,
  version,
  deleted,
  fieldsJson: JSON.stringify(fields),
});

describe('pull page JSON, written from stored text', () => {
  it('is the JSON of the page, ids and fields escaped, whatever they hold', () => {
    const tricky = 'he said "hi"\n\\ \u2028 </script> 🛍';
    const rows = [row(3, tricky, { name: tricky, n: [1, { x: null }] }), row(5, 'B', {}, true)];
    expect(JSON.parse(pullPageJson(rows, 10, 2, false))).toEqual({
      changes: [
        { collection: 'shops', id: tricky, version: 3, deleted: false, fields: { name: tricky, n: [1, { x: null }] } },
        { collection: 'shops', id: 'B', version: 5, deleted: true, fields: {} },
      ],
      next: 5,
      more: false,
      mustRefetch: false,
      purgedThrough: 0,
    });
  });

  it('says more when the store found one row past the limit, and never sends that row', () => {
    const page = JSON.parse(pullPageJson([row(1, 'A', {}), row(2, 'B', {}), row(3, 'C', {})], 2, 0, false));
    expect(page.changes.map((c: { id: string }) => c.id)).toEqual(['A', 'B']);
    expect(page).toMatchObject({ next: 2, more: true });
  });

  it('keeps the checkpoint when nothing is new, and restarts it from 0 on a refetch', () => {
    const page = (mustRefetch: boolean) => ({ changes: [], more: false, mustRefetch, purgedThrough: 7 });
    expect(JSON.parse(pullPageJson([], 100, 42, false, false, 7))).toEqual({ ...page(false), next: 42 });
    expect(JSON.parse(pullPageJson([], 100, 42, true, false, 7))).toEqual({ ...page(true), next: 0 });
  });

  it('tells a browser to refetch only when a delete it may hold was purged since it last started from scratch', () => {
    expect(mustRefetchAfter(0, 0, 50)).toBe(false);
    expect(mustRefetchAfter(10, 0, 50)).toBe(true);
    expect(mustRefetchAfter(10, 50, 50)).toBe(false);
    expect(mustRefetchAfter(10, 40, 50)).toBe(true);
    expect(mustRefetchAfter(60, 0, 50)).toBe(false);
  });
});

describe('purged-through per team', () => {
  it('is the highest purged tombstone version of each team', () => {
    const through = purgedThroughByTeam([
      { teamId: 'a', version: 7 },
      { teamId: 'b', version: 3 },
      { teamId: 'a', version: 12 },
      { teamId: 'a', version: 9 },
    ]);
    expect([...through]).toEqual([
      ['a', 12],
      ['b', 3],
    ]);
  });
});
