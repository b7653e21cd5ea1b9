import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanionDb } from '../../extension/db/database';
import { newMutationId } from '../../extension/sync/mutation-id';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mutation ids', () => {
  let db: CompanionDb | undefined;
  afterEach(async () => {
    await db?.delete();
  });

  it('are UUIDv7s that start with the time they were made', () => {
    const before = Date.now();
    const id = newMutationId();
    const after = Date.now();
    expect(id).toMatch(V7);
    const made = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(made).toBeGreaterThanOrEqual(before);
    expect(made).toBeLessThanOrEqual(after);
  });

  it('grow in the order they are made, many within one millisecond, and never repeat', () => {
    const ids = Array.from({ length: 10_000 }, () => newMutationId());
    expect(new Set(ids).size).toBe(ids.length);
    // The server's answer index is ordered by the text: each id must sort after the one before it.
    for (let i = 1; i < ids.length; i++) expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true);
  });

  it('are what the outbox gives each change, in the order of the changes', async () => {
    db = new CompanionDb(`mutation-ids-${Math.random()}`);
    for (const code of ['USLCAAAAA1', 'USLCAAAAA2', 'USLCAAAAA3']) {
      await db.shops.put({ shopCode: code, name: code, sellerType: 'local', standardCode: true, firstSeenAt: 1, lastSeenAt: 1 });
    }
    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.id)).toEqual(['USLCAAAAA1', 'USLCAAAAA2', 'USLCAAAAA3']);
    const ids = entries.map((e) => e.mutationId);
    for (const id of ids) expect(id).toMatch(V7);
    expect([...ids].sort()).toEqual(ids);
  });
});
