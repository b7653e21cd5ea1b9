import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEWS_COLLECTIONS, newsFromTeam } from '../../extension/background/change-news';
import { claimForPlan, releaseClaim } from '../../extension/background/team-quota';
import { applyShopList } from '../../extension/db/access-requests';
import { CompanionDb } from '../../extension/db/database';
import { recordShopCapture } from '../../extension/db/shops';
import { recordKey } from '../../extension/sync/outbox-middleware';
import { SyncClient, SyncHttpError } from '../../extension/sync/sync-client';
import { queueSnapshot } from '../../extension/sync/sync-state';
import { answer, type TeamCall, teamServer } from '../../extension/sync/team-server';
import { createApp } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';
import { capture } from './sync-harness';

/**
 * The extension's sync client (the code the background runs) on Dexie over fake-indexeddb,
 * against the real server app and a real SQLite file, called in-process.
 */
let dir: string;
let store: ReturnType<typeof openSqliteStore>;
let app: ReturnType<typeof createApp>;
let teamId: string;
const dbs: CompanionDb[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sac-client-'));
  store = openSqliteStore(dir);
  app = createApp({ store, publicUrl: 'http://sync.test' });
  teamId = (await store.createTeam('Agency')).teamId;
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Transport = (url: string, init?: RequestInit) => Response | Promise<Response>;
const serverTransport: Transport = async (url, init) => app.request(url, init);

async function browser(transport: Transport = serverTransport, role: 'member' | 'viewer' = 'member') {
  const db = new CompanionDb(`client-${Math.random()}`);
  dbs.push(db);
  const { token } = await store.createDeviceToken(teamId, role, `browser ${dbs.length}`);
  const client = new SyncClient(db, { serverUrl: 'http://sync.test', token }, ((url: string, init?: RequestInit) =>
    Promise.resolve(transport(url, init))) as typeof fetch);
  return { db, client, token };
}

describe('the outbox', () => {
  it('queues a change in the same transaction as the change, and not at all when the transaction fails', async () => {
    const { db } = await browser();
    await recordShopCapture(db, capture('USLCQPEV3N', 'Maple'), 1000);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({
      key: recordKey('shops', 'USLCQPEV3N'),
      collection: 'shops',
      id: 'USLCQPEV3N',
      op: 'upsert',
      baseVersion: 0,
      fields: { shopCode: 'USLCQPEV3N', name: 'Maple', firstSeenAt: 1000 },
    });
    await expect(
      db.transaction('rw', db.shops, async () => {
        await db.shops.put({ ...(await db.shops.get('USLCQPEV3N')), name: 'Never' } as never);
        throw new Error('the page went away');
      }),
    ).rejects.toThrow('the page went away');
    expect(await db.outbox.count()).toBe(1);
    expect((await db.shops.get('USLCQPEV3N'))?.name).toBe('Maple');
    await db.shops.delete('USLCQPEV3N');
    expect((await db.outbox.toArray()).map((e) => e.op)).toEqual(['upsert', 'delete']);
  });
});

describe('sync between browsers of one team', () => {
  it("brings one member's capture to another's browser, and nothing back as a new change", async () => {
    const a = await browser();
    const b = await browser();
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 1000);
    expect(await a.client.sync()).toMatchObject({ pushed: 1, pulled: 1, pending: 0 });
    expect(await b.client.sync()).toMatchObject({ pushed: 0, pulled: 1, pending: 0 });
    expect(await b.db.shops.get('USLCQPEV3N')).toMatchObject({ name: 'Maple', firstSeenAt: 1000 });
    expect(await b.db.outbox.count()).toBe(0);
    // B edits; A receives it.
    await recordShopCapture(b.db, capture('USLCQPEV3N', 'Maple & Moss'), 2000);
    await b.client.sync();
    await a.client.sync();
    expect(await a.db.shops.get('USLCQPEV3N')).toMatchObject({ name: 'Maple & Moss', lastSeenAt: 2000 });
  });

  it("hands the runner a teammate's loss, with the news the owner's browser tells; a first pull (joining) hands nothing", async () => {
    const a = await browser();
    const watching = async () => {
      const { db, token } = await browser();
      const fetchFn = ((url: string, init?: RequestInit) => Promise.resolve(serverTransport(url, init))) as typeof fetch;
      return {
        db,
        client: new SyncClient(db, { serverUrl: 'http://sync.test', token }, fetchFn, { collect: new Set(NEWS_COLLECTIONS) }),
      };
    };
    const b = await watching();
    const now = Date.now();
    await applyShopList(a.db, '7000000000009', [{ code: 'USLCLOST01', pending: false }], now - 1000, true);
    await a.client.sync();
    await b.client.sync();
    await applyShopList(a.db, '7000000000009', [], now, true);
    await a.client.sync();
    const outcome = await b.client.sync();
    const received = [...(outcome.received ?? [])];
    expect(received.map(([collection]) => collection)).toEqual(['accessRequests']);
    const news = received.flatMap(([collection, rows]) => newsFromTeam(collection, rows, now));
    expect(news).toEqual([
      {
        id: `lost:7000000000009:USLCLOST01:request_access:${now}`,
        title: 'Access to a shop was lost',
        message: expect.stringContaining('USLCLOST01 is no longer in the Shops list'),
        shopCode: 'USLCLOST01',
      },
    ]);
    // A browser joining now pulls the same loss as the team's past: What changed, not a notification.
    const c = await watching();
    expect((await c.client.sync()).received).toBeUndefined();
    expect(await c.db.accessRequests.get('7000000000009:USLCLOST01:request_access')).toMatchObject({ lostAt: now });
  });

  it('keeps every change queued while the server is unreachable, and sends them when it is back', async () => {
    let up = false;
    const a = await browser((url, init) => (up ? app.request(url, init) : Promise.reject(new TypeError('fetch failed'))));
    await recordShopCapture(a.db, capture('USLCQPEV3N'), 1000);
    await recordShopCapture(a.db, capture('GBLCRKQTEX'), 1000);
    await expect(a.client.sync()).rejects.toThrow("The team's server at sync.test did not answer");
    expect(await a.db.outbox.count()).toBe(2);
    up = true;
    expect(await a.client.sync()).toMatchObject({ pushed: 2, pending: 0 });
    expect((await store.records(teamId, 'shops')).map((r) => r.id).sort()).toEqual(['GBLCRKQTEX', 'USLCQPEV3N']);
  });

  it('replays a push whose answer was lost, and the server applies it once', async () => {
    let loseNext = true;
    const a = await browser(async (url, init) => {
      const response = await app.request(url, init);
      if (loseNext && url.endsWith('/v1/push')) {
        loseNext = false;
        throw new TypeError('network changed');
      }
      return response;
    });
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 1000);
    // Said in words; the browser's own reason is kept as the cause.
    await expect(a.client.sync()).rejects.toMatchObject({
      message: expect.stringContaining('did not answer'),
      cause: expect.objectContaining({ message: 'network changed' }),
    });
    expect(await a.db.outbox.count()).toBe(1);
    await a.client.sync();
    const audit = await store.audit(teamId, { limit: 10 });
    expect(audit).toHaveLength(1);
  });

  it('lets the server decide a field two members changed, and both browsers end with its choice', async () => {
    const a = await browser();
    const b = await browser();
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 1000);
    await a.client.sync();
    await b.client.sync();
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple A'), 2000);
    await recordShopCapture(b.db, capture('USLCQPEV3N', 'Maple B'), 3000);
    await a.client.sync();
    expect((await b.client.sync()).conflicts).toEqual([
      expect.objectContaining({ collection: 'shops', id: 'USLCQPEV3N', fields: ['name'], mine: { name: 'Maple B' } }),
    ]);
    await a.client.sync();
    const [left, right] = [await a.db.shops.get('USLCQPEV3N'), await b.db.shops.get('USLCQPEV3N')];
    expect(left).toEqual(right);
    expect(left?.name).toBe('Maple A');
  });

  it('says when the token was revoked, and keeps the changes', async () => {
    const a = await browser();
    const principal = await store.authenticate(a.token);
    await store.revokeDevice(teamId, principal?.deviceId as string);
    await recordShopCapture(a.db, capture('USLCQPEV3N'), 1000);
    const error = await a.client.sync().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncHttpError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(await a.db.outbox.count()).toBe(1);
  });

  it('sets aside a change the server refuses as malformed, and sends the rest', async () => {
    const a = await browser();
    await recordShopCapture(a.db, capture('USLCQPEV3N'), 1000);
    await a.db.outbox.add({
      key: recordKey('shops', 'BAD'),
      mutationId: 'bad-mutation-1',
      collection: 'shops',
      id: 'BAD',
      op: 'upsert',
      fields: { 'not a field name': 1 },
      baseVersion: 0,
      createdAt: 1,
    });
    await recordShopCapture(a.db, capture('GBLCRKQTEX'), 1000);
    expect(await a.client.sync()).toMatchObject({ pending: 0 });
    const [rejected] = await a.db.outbox.toArray();
    expect(rejected).toMatchObject({ id: 'BAD', rejected: expect.stringContaining('invalid_request') });
    expect((await store.records(teamId, 'shops')).map((r) => r.id).sort()).toEqual(['GBLCRKQTEX', 'USLCQPEV3N']);
  });

  it('refuses to store a record from the team that does not validate, and says so', async () => {
    const a = await browser();
    const writer = (await store.authenticate((await store.createDeviceToken(teamId, 'member', 'script')).token)) as never;
    await store.push(writer, {
      clientId: 'script-client',
      mutations: [
        {
          mutationId: 'evil-00001',
          collection: 'shops',
          id: 'USLCQPEV3N',
          baseVersion: 0,
          op: 'upsert',
          fields: { shopCode: 1 },
        },
      ],
    });
    const outcome = await a.client.sync();
    expect(outcome.refused).toEqual([expect.stringContaining('shops USLCQPEV3N')]);
    expect(await a.db.shops.count()).toBe(0);
  });

  it('sends what a browser knew before joining, once it joins', async () => {
    const a = await browser();
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 1000);
    await a.db.outbox.clear(); // as if captured before this browser had an outbox
    expect(await queueSnapshot(a.db)).toBe(1);
    await a.client.sync();
    expect(await store.records(teamId, 'shops')).toEqual([expect.objectContaining({ id: 'USLCQPEV3N' })]);
  });

  it('refetches everything, keeping unsent changes, when its checkpoint is older than the purged deletes', async () => {
    const a = await browser();
    const b = await browser();
    await recordShopCapture(a.db, capture('USLCQPEV3N'), 1000);
    await recordShopCapture(a.db, capture('GBLCRKQTEX'), 1000);
    await a.client.sync();
    await b.client.sync();
    await a.db.shops.delete('USLCQPEV3N');
    await recordShopCapture(a.db, capture('PHLCX7Q2MA'), 1000);
    await a.client.sync();
    await store.purge(Date.now() + 1);
    await recordShopCapture(b.db, capture('MYLCWW7TQA'), 2000);
    // B's checkpoint predates the purged delete: it must drop USLCQPEV3N without ever seeing the delete.
    await b.client.sync();
    expect((await b.db.shops.toArray()).map((s) => s.shopCode).sort()).toEqual(['GBLCRKQTEX', 'MYLCWW7TQA', 'PHLCX7Q2MA']);
  });
});

describe("a Business Center's daily quota, shared by the team through the server", () => {
  const org = '7000000000001';
  const codes = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(8, '0')}`);
  // The background's own call path (typed client, answer), with the real app in-process; no token: unreachable.
  const requester = (token: string | null): TeamCall =>
    ((call) => {
      const server = teamServer('http://sync.test', token ?? undefined, async (input, init) => {
        if (!token) throw new TypeError('fetch failed');
        return app.request(input instanceof Request ? input : String(input), init);
      });
      return answer('http://sync.test', call(server));
    }) as TeamCall;
  const plan = (sendNow: string[]) => ({ sendNow, queued: [], skipped: [], day: '2026-11-23' });

  it('holds back what teammates already claimed today, queued for tomorrow, and says why', async () => {
    const a = await browser();
    const b = await browser();
    const first = await claimForPlan(a.db, requester(a.token), org, plan(codes(15, 'USLCA')));
    expect(first.sendNow).toHaveLength(15);
    const second = await claimForPlan(b.db, requester(b.token), org, plan(codes(10, 'USLCB')));
    expect(second.sendNow).toEqual(codes(5, 'USLCB'));
    expect(second.queued).toEqual(codes(10, 'USLCB').slice(5));
    expect(second.teamNote).toBe(
      "Your team has claimed 20 of today's 20 requests for this Business Center; 5 wait for the next day.",
    );
    const queued = await b.db.accessRequests.where('status').equals('queued').toArray();
    expect(queued.map((r) => r.shopCode).sort()).toEqual(codes(10, 'USLCB').slice(5));
    // A refused request gives its claim back.
    await releaseClaim(requester(a.token), org, '2026-11-23');
    expect((await claimForPlan(b.db, requester(b.token), org, plan(['USLCZZZZZZ1']))).sendNow).toEqual(['USLCZZZZZZ1']);
    // A batch that stopped with 3 requests never tried gives those 3 back.
    await releaseClaim(requester(a.token), org, '2026-11-23', 3);
    expect((await claimForPlan(b.db, requester(b.token), org, plan(codes(5, 'USLCC')))).sendNow).toEqual(codes(3, 'USLCC'));
  });

  it("falls back to this browser's own count when the server cannot be reached, and says so", async () => {
    const a = await browser();
    const result = await claimForPlan(a.db, requester(null), org, plan(codes(3, 'USLCA')));
    expect(result.sendNow).toHaveLength(3);
    expect(result.teamNote).toMatch(/server unreachable/);
    expect(await claimForPlan(a.db, null, org, plan(codes(3, 'USLCA')))).toEqual(plan(codes(3, 'USLCA')));
  });
});

describe('random schedules of three browsers', () => {
  it('end with every browser holding the same shops as the server', async () => {
    const codes = ['USLCQPEV3N', 'GBLCRKQTEX', 'PHLCX7Q2MA'];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('capture' as const),
        who: fc.nat(2),
        code: fc.nat(2),
        name: fc.constantFrom('Maple', 'Lantern', undefined),
      }),
      fc.record({ kind: fc.constant('remove' as const), who: fc.nat(2), code: fc.nat(2) }),
      fc.record({ kind: fc.constant('sync' as const), who: fc.nat(2), fail: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        teamId = (await store.createTeam('random')).teamId;
        let failing = -1;
        const browsers = await Promise.all(
          [0, 1, 2].map((i) =>
            browser((url, init) => (failing === i ? Promise.reject(new TypeError('offline')) : app.request(url, init))),
          ),
        );
        let clock = 1000;
        for (const s of steps) {
          const b = browsers[s.who] as Awaited<ReturnType<typeof browser>>;
          if (s.kind === 'capture') await recordShopCapture(b.db, capture(codes[s.code] as string, s.name), clock++);
          else if (s.kind === 'remove') await b.db.shops.delete(codes[s.code] as string);
          else {
            failing = s.fail ? s.who : -1;
            await b.client.sync().catch(() => {});
            failing = -1;
          }
        }
        for (const b of browsers) await b.client.sync();
        for (const b of browsers) await b.client.sync();
        const server = (await store.records(teamId, 'shops'))
          .map((r) => r.fields)
          .sort((x, y) => String(x.shopCode).localeCompare(String(y.shopCode)));
        for (const b of browsers) {
          expect(await b.db.shops.orderBy('shopCode').toArray()).toEqual(server);
          expect(await b.db.outbox.count()).toBe(0);
        }
        for (const db of dbs.splice(0)) await db.delete();
      }),
      { numRuns: 25 },
    );
  });
});
