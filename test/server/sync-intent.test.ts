import { describe, expect, it } from 'vitest';
import { deferToNextDay, recordRequestOutcome } from '../../extension/db/access-requests';
import { recordShopCapture } from '../../extension/db/shops';
import { keepMine } from '../../extension/sync/sync-client';
import { shopAccessRequestId } from '../../shared/schemas';
import { capture, freshTeamEachTest, type TeamUnderTest, type Transport } from './sync-harness';

/**
 * What a person meant survives sync: their own edits never overrule each other, a field they
 * cleared stays cleared, a refetch ends, one bad change does not hold the rest, and a conflict
 * names who won. Each test here failed against the client as it was before its fix.
 */
let store: TeamUnderTest['store'];
let harness: TeamUnderTest['harness'];
let teamId: string;

const ORG = '7000000000001';
const CODE = 'USLCQPEV3N';
const REQUEST = shopAccessRequestId(ORG, CODE, 'request_access');

freshTeamEachTest('sac-intent-', (team) => {
  ({ store, harness, teamId } = team);
});

const serverRecord = async (collection: 'shops' | 'accessRequests', id: string) =>
  (await store.records(teamId, collection)).find((r) => r.id === id)?.fields;

describe("a browser's own edits never overrule each other (defect 1)", () => {
  it('a request queued then sent while offline ends pending everywhere, with no conflict', async () => {
    const a = await harness.browser(teamId);
    const b = await harness.browser(teamId);
    await deferToNextDay(a.db, ORG, [CODE], 1000);
    await recordRequestOutcome(a.db, ORG, CODE, { ok: true, approvalLink: 'https://example.com/a' }, 'Ana', 2000);
    expect((await a.client.sync()).conflicts).toEqual([]);
    await b.client.sync();
    for (const db of [a.db, b.db]) expect(await db.accessRequests.get(REQUEST)).toMatchObject({ status: 'pending' });
    expect(await serverRecord('accessRequests', REQUEST)).toMatchObject({ status: 'pending' });
  });

  it('an edit made while the previous one is on its way is not reverted (the push delay case)', async () => {
    let writeDuringPush: (() => Promise<unknown>) | null = null;
    const transport: Transport = async (url, init) => {
      const response = await harness.app.request(url, init);
      const during = writeDuringPush;
      if (during && url.includes('/v1/push')) {
        writeDuringPush = null;
        await during();
      }
      return response;
    };
    const a = await harness.browser(teamId, { transport });
    const b = await harness.browser(teamId);
    await recordShopCapture(a.db, capture(CODE, 'Maple'), 1000);
    await a.client.sync();
    await b.client.sync();
    await recordShopCapture(a.db, capture(CODE, 'Maple & Moss'), 2000);
    writeDuringPush = () => recordShopCapture(a.db, capture(CODE, 'Maple & Moss Co'), 3000);
    expect((await a.client.sync()).conflicts).toEqual([]);
    await b.client.sync();
    for (const db of [a.db, b.db]) expect((await db.shops.get(CODE))?.name).toBe('Maple & Moss Co');
  });
});

describe('a cleared field travels and stays cleared (defect 2)', () => {
  it('a request that failed, then succeeded, loses its error, error kind and queue day in every browser', async () => {
    const a = await harness.browser(teamId);
    const b = await harness.browser(teamId);
    await deferToNextDay(a.db, ORG, [CODE], 1000);
    await recordRequestOutcome(a.db, ORG, CODE, { ok: false, kind: 'other', error: 'Try again later' }, 'Ana', 2000);
    await a.client.sync();
    await b.client.sync();
    expect(await b.db.accessRequests.get(REQUEST)).toMatchObject({ lastError: 'Try again later', queuedFor: expect.any(String) });
    await recordRequestOutcome(a.db, ORG, CODE, { ok: true }, 'Ana', 3000);
    await a.client.sync();
    await b.client.sync();
    for (const record of [await b.db.accessRequests.get(REQUEST), await serverRecord('accessRequests', REQUEST)]) {
      expect(record).toMatchObject({ status: 'pending' });
      expect(record).not.toHaveProperty('lastError');
      expect(record).not.toHaveProperty('errorKind');
      expect(record).not.toHaveProperty('queuedFor');
    }
  });

  it('a clear merges field by field: a teammate who changed another field keeps their change', async () => {
    const a = await harness.browser(teamId);
    const b = await harness.browser(teamId);
    await recordRequestOutcome(a.db, ORG, CODE, { ok: false, kind: 'other', error: 'Try again later' }, 'Ana', 2000);
    await a.client.sync();
    await b.client.sync();
    const seen = await b.db.accessRequests.get(REQUEST);
    await b.db.accessRequests.put({ ...(seen as NonNullable<typeof seen>), requestedBy: 'Ben' });
    await b.client.sync();
    await recordRequestOutcome(a.db, ORG, CODE, { ok: true }, undefined, 3000);
    expect((await a.client.sync()).conflicts).toEqual([]);
    await b.client.sync();
    for (const db of [a.db, b.db]) {
      const record = await db.accessRequests.get(REQUEST);
      expect(record).toMatchObject({ status: 'pending', requestedBy: 'Ben' });
      expect(record).not.toHaveProperty('lastError');
    }
  });
});

describe('a refetch after a purge ends (defect 3)', () => {
  it('pulls every page once and finishes, however many pages the team holds', async () => {
    let pulls = 0;
    const counting: Transport = (url, init) => {
      if (url.includes('/v1/pull') && ++pulls > 40) throw new Error('the refetch never ends');
      return harness.app.request(url, init);
    };
    const a = await harness.browser(teamId);
    const b = await harness.browser(teamId, { transport: counting, options: { pullPage: 3 } });
    const codes = Array.from({ length: 10 }, (_, i) => `USLC${String(i).padStart(6, '0')}`);
    for (const code of codes) await recordShopCapture(a.db, capture(code), 1000);
    await a.client.sync();
    await b.client.sync();
    await a.db.shops.delete(codes[0] as string);
    await recordShopCapture(a.db, capture('GBLCRKQTEX'), 2000);
    await a.client.sync();
    await store.purge(Date.now() + 1);
    pulls = 0;
    await b.client.sync();
    expect(pulls).toBeLessThanOrEqual(5);
    expect((await b.db.shops.toArray()).map((s) => s.shopCode).sort()).toEqual([...codes.slice(1), 'GBLCRKQTEX'].sort());
    expect((await b.client.sync()).pulled).toBe(0);
  });
});

describe('one bad change does not hold the others (defect 4)', () => {
  const failsOn =
    (id: string): Transport =>
    async (url, init) => {
      if (url.includes('/v1/push') && String(init?.body).includes(`"id":"${id}"`)) {
        return Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500 });
      }
      return harness.app.request(url, init);
    };

  it('narrows repeated server errors down to the one change, sets it aside, and sends the rest', async () => {
    const a = await harness.browser(teamId, { transport: failsOn('PHLCX7Q2MA') });
    for (const code of ['USLCQPEV3N', 'GBLCRKQTEX', 'PHLCX7Q2MA', 'MYLCWW7TQA'])
      await recordShopCapture(a.db, capture(code), 1000);
    const outcome = await a.client.sync();
    expect(outcome.pending).toBe(0);
    expect((await store.records(teamId, 'shops')).map((r) => r.id).sort()).toEqual(['GBLCRKQTEX', 'MYLCWW7TQA', 'USLCQPEV3N']);
    const [aside] = await a.db.outbox.toArray();
    expect(aside).toMatchObject({ id: 'PHLCX7Q2MA', rejected: expect.stringContaining('500') });
  });

  it('sets a lone change aside when the server fails on it but takes pushes (an empty one)', async () => {
    const a = await harness.browser(teamId, { transport: failsOn(CODE) });
    await recordShopCapture(a.db, capture(CODE), 1000);
    const first = await a.client.sync().catch((error: Error) => error);
    // However often it is tried, the change never blocks: it is set aside, shown, and sync goes on.
    const second = await a.client.sync().catch((error: Error) => error);
    expect([first, second].some((o) => !(o instanceof Error) && o.pending === 0)).toBe(true);
    const [aside] = await a.db.outbox.toArray();
    expect(aside).toMatchObject({ id: CODE, rejected: expect.stringContaining('500') });
    await recordShopCapture(a.db, capture('GBLCRKQTEX'), 2000);
    expect(await a.client.sync()).toMatchObject({ pending: 0 });
    expect((await store.records(teamId, 'shops')).map((r) => r.id)).toEqual(['GBLCRKQTEX']);
  });

  it('sets nothing aside when the server fails every push: the changes wait for it', async () => {
    const down: Transport = (url, init) =>
      url.includes('/v1/push')
        ? Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500 })
        : harness.app.request(url, init);
    const a = await harness.browser(teamId, { transport: down });
    for (const code of ['USLCQPEV3N', 'GBLCRKQTEX', 'PHLCX7Q2MA']) await recordShopCapture(a.db, capture(code), 1000);
    await expect(a.client.sync()).rejects.toThrow();
    expect((await a.db.outbox.toArray()).filter((e) => e.rejected)).toEqual([]);
  });

  it('never queues text no store can hold: half an emoji is cleaned before it is kept or sent', async () => {
    const a = await harness.browser(teamId);
    const cut = 'Maple \u{1F341}'.slice(0, 7);
    await recordShopCapture(a.db, capture(CODE, `${cut}\u0000`), 1000);
    const [entry] = await a.db.outbox.toArray();
    expect(String(entry?.fields?.name).isWellFormed()).toBe(true);
    expect(String(entry?.fields?.name)).not.toContain('\u0000');
    expect((await a.db.shops.get(CODE))?.name).toBe(entry?.fields?.name);
    expect(await a.client.sync()).toMatchObject({ pending: 0, refused: [] });
  });
});

describe('an overruled change names who won, and Keep mine re-applies it (defect 6)', () => {
  it("lists a teammate's win with the losing value, the winner and when; never one's own edit", async () => {
    const a = await harness.browser(teamId, { name: 'Ana' });
    const b = await harness.browser(teamId, { name: 'Ben' });
    await recordShopCapture(a.db, capture(CODE, 'Maple'), 1000);
    await recordShopCapture(a.db, capture(CODE, 'Maple & Co'), 1500);
    expect((await a.client.sync()).conflicts).toEqual([]);
    await b.client.sync();
    await recordShopCapture(b.db, capture(CODE, 'Maple B'), 2000);
    await recordShopCapture(a.db, capture(CODE, 'Maple A'), 3000);
    await b.client.sync();
    const { conflicts } = await a.client.sync();
    expect(conflicts).toEqual([
      expect.objectContaining({
        collection: 'shops',
        id: CODE,
        fields: ['name'],
        mine: { name: 'Maple A' },
        theirs: { name: 'Maple B' },
        by: 'Ben',
        at: expect.any(Number),
      }),
    ]);
    expect((await a.db.shops.get(CODE))?.name).toBe('Maple B');
    await keepMine(a.db, conflicts[0] as (typeof conflicts)[number]);
    expect((await a.client.sync()).conflicts).toEqual([]);
    await b.client.sync();
    for (const db of [a.db, b.db]) expect((await db.shops.get(CODE))?.name).toBe('Maple A');
  });
});
