import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { startSyncRunner } from '../../extension/background/sync-runner';
import { CompanionDb } from '../../extension/db/database';
import { recordShopCapture } from '../../extension/db/shops';
import { createApp } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';
import { capture } from './sync-harness';

/**
 * The background's sync runner (real runner, real client, real server app on SQLite) on a fake
 * clock: the browser's fetch and WebSocket reach the app only while "the server is up".
 */
let dir: string;
let store: ReturnType<typeof openSqliteStore>;
let app: ReturnType<typeof createApp>;
let db: CompanionDb;
let up = true;
const events: string[] = [];
let sockets: FakeSocket[] = [];
/** Called as each request reaches the server, before it is answered. */
let onRequest: (request: string) => void = () => {};
/** Called once the server has answered a request, before the answer reaches the browser. */
let onAnswered: (request: string) => Promise<void> | void = () => {};

/** Opens when the server is up, else closes as a refused connection does; pokes only when a test sends them. */
class FakeSocket {
  static readonly OPEN = 1;
  readonly OPEN = 1;
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  constructor(readonly url: string) {
    sockets.push(this);
    setTimeout(() => {
      events.push(up ? 'socket open' : 'socket refused');
      if (up) {
        this.readyState = 1;
        this.onopen?.();
      } else this.onclose?.({ code: 1006 });
    }, 10);
  }
  send() {}
  close() {
    this.readyState = 3;
  }
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  fakeBrowser.reset();
  dir = mkdtempSync(join(tmpdir(), 'sac-runner-'));
  store = openSqliteStore(dir);
  app = createApp({ store, publicUrl: 'http://127.0.0.1:8787' });
  db = new CompanionDb(`runner-${Math.random()}`);
  up = true;
  events.length = 0;
  sockets = [];
  onRequest = () => {};
  onAnswered = () => {};
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    events.push(`${up ? '' : 'refused '}${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    if (!up) throw new TypeError('fetch failed');
    const request = `${init?.method ?? 'GET'} ${new URL(url).pathname}`;
    onRequest(request);
    const response = await app.request(url, init);
    await onAnswered(request);
    return response;
  });
});
afterEach(async () => {
  up = false;
  vi.useRealTimers();
  await new Promise((done) => setTimeout(done, 100));
  vi.unstubAllGlobals();
  await db.delete();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** IndexedDB (fake-indexeddb) answers on real ticks: let it, so no work lags behind the fake clock. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((done) => setImmediate(done));
};

/** Advances the fake clock in small steps, firing the one-minute alarm as Chrome would. */
async function pass(ms: number) {
  for (let left = ms; left > 0; left -= 100) {
    await vi.advanceTimersByTimeAsync(Math.min(100, left));
    await settle();
    if (Date.now() % 60_000 < 100) await fakeBrowser.alarms.onAlarm.trigger({ name: 'team-sync', scheduledTime: Date.now() });
  }
}

/**
 * Passes fake time until `done` holds (at most `ms`): on a loaded machine fake-indexeddb's real
 * ticks can lag behind the fake clock, so a fixed amount of fake time may end before the work.
 */
async function passUntil(done: () => Promise<boolean>, ms: number) {
  for (let left = ms; left > 0 && !(await done()); left -= 100) await pass(100);
}

describe('the sync runner after an outage (defect 5)', () => {
  it('sends a change made during a long outage within 5 s of the server answering again', async () => {
    const { teamId } = await store.createTeam('Agency');
    const { code } = await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
    const runner = startSyncRunner(db);
    await runner.join({ invite: `http://127.0.0.1:8787/join#${code}`, name: 'Ana', label: 'laptop' });
    await pass(1000);
    up = false;
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await pass(190_000);
    expect(await store.records(teamId, 'shops')).toEqual([]);
    up = true;
    events.push('server back');
    await pass(5000);
    expect(events.slice(events.indexOf('server back'))).toContain('POST /v1/push');
    expect((await store.records(teamId, 'shops')).map((r) => r.id)).toEqual(['USLCQPEV3N']);
  });
});

describe('the sync runner on pokes', () => {
  const poke = () => {
    for (const socket of sockets) if (socket.readyState === 1) socket.onmessage?.({ data: '{"type":"poke","version":1}' });
  };

  async function joined() {
    const { teamId } = await store.createTeam('Agency');
    const { code } = await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
    const runner = startSyncRunner(db);
    await runner.join({ invite: `http://127.0.0.1:8787/join#${code}`, name: 'Ana', label: 'laptop' });
    await pass(1000);
    events.length = 0;
    const teammate = await store.authenticate((await store.createDeviceToken(teamId, 'member', 'Ben')).token);
    /** A shop the teammate's browser saved, committed on the server now. */
    const teammateSaves = (shopCode: string) =>
      store.push(teammate as never, {
        clientId: 'ben',
        mutations: [
          {
            mutationId: crypto.randomUUID(),
            collection: 'shops',
            id: shopCode,
            baseVersion: 0,
            op: 'upsert',
            fields: { ...capture(shopCode), firstSeenAt: Date.now(), lastSeenAt: Date.now() },
          },
        ],
      });
    return { teamId, teammateSaves };
  }

  const codes = async () => (await db.shops.toArray()).map((s) => s.shopCode).sort();
  const pulls = () => events.filter((e) => e === 'GET /v1/pull').length;

  it("pulls once for its own push and a teammate's commit poked before its pull began, and has both", async () => {
    const { teamId, teammateSaves } = await joined();
    // The teammate commits, and the server pokes, while this browser's push is on its way; then
    // the server's poke for this browser's own commit, before its answer reaches the browser.
    onRequest = (request) => {
      if (request !== 'POST /v1/push') return;
      void teammateSaves('USLCAAAA11').then(poke);
    };
    onAnswered = (request) => {
      if (request === 'POST /v1/push') poke();
    };
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await passUntil(async () => (await codes()).length === 2, 5000);
    // Time for a second run, were one scheduled.
    await pass(2000);
    expect(events.filter((e) => e === 'POST /v1/push')).toHaveLength(1);
    expect(pulls()).toBe(1);
    expect(await codes()).toEqual(['USLCAAAA11', 'USLCQPEV3N']);
    expect((await store.records(teamId, 'shops')).map((r) => r.id).sort()).toEqual(['USLCAAAA11', 'USLCQPEV3N']);
  });

  it('pulls again for a commit poked once its pull was answered, and has it', async () => {
    const { teammateSaves } = await joined();
    let first = true;
    onAnswered = async (request) => {
      if (request !== 'GET /v1/pull' || !first) return;
      first = false;
      // After the server read this page: the page does not hold it.
      await teammateSaves('USLCAAAA11');
      poke();
    };
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await passUntil(async () => (await codes()).length === 2, 5000);
    await pass(1000);
    expect(pulls()).toBe(2);
    expect(await codes()).toEqual(['USLCAAAA11', 'USLCQPEV3N']);
  });

  it('tries again soon when a run fails before it reaches the server (storage unreadable once)', async () => {
    const { teamId } = await joined();
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let failures = 1;
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(((keys: never) => {
      if (failures-- > 0) return Promise.reject(new Error('storage unreadable'));
      return get(keys);
    }) as typeof fakeBrowser.storage.local.get);
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await passUntil(async () => (await store.records(teamId, 'shops')).length > 0, 5000);
    spy.mockRestore();
    expect(failures).toBeLessThan(0);
    expect((await store.records(teamId, 'shops')).map((r) => r.id)).toEqual(['USLCQPEV3N']);
  });
});

describe('the sync runner leaving a team', () => {
  it("counts every record a join's unfinished pull stored as that team's, and keeps no checkpoint", async () => {
    const { teamId } = await store.createTeam('Agency');
    const seeder = await store.authenticate((await store.createDeviceToken(teamId, 'member', 'seeder')).token);
    await store.push(seeder as never, {
      clientId: 'seeder',
      mutations: Array.from({ length: 2500 }, (_, i) => {
        const code = `USLC${String(i).padStart(6, '0')}`;
        return {
          mutationId: crypto.randomUUID(),
          collection: 'shops' as const,
          id: code,
          baseVersion: 0,
          op: 'upsert' as const,
          fields: { ...capture(code), firstSeenAt: 1000, lastSeenAt: 1000 },
        };
      }),
    });
    const { code } = await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
    const runner = startSyncRunner(db);
    let leaving: Promise<unknown> | null = null;
    // Leave is pressed as the join's first page (of three) arrives: Join no longer waits for the pull.
    onAnswered = (request) => {
      if (request === 'GET /v1/pull' && !leaving) leaving = runner.leave();
    };
    await runner.join({ invite: `http://127.0.0.1:8787/join#${code}`, name: 'Ana', label: 'laptop' });
    await passUntil(async () => leaving !== null, 5000);
    await Promise.all([leaving, pass(3000)]);
    const stored = (await db.shops.toArray()).map((s) => `shops\u0000${s.shopCode}`);
    // The pull stopped after the page it was storing: leaving does not wait for the whole team.
    expect(stored.length).toBe(1000);
    const left = (await db.syncState.get('leftTeam'))?.value as { keys: string[] };
    expect(stored.filter((key) => !left.keys.includes(key))).toEqual([]);
    expect(await db.syncState.get('checkpoint')).toBeUndefined();
    expect((await runner.status()).status.state).toBe('off');
  });

  async function joinedAs(name: string) {
    const { teamId } = await store.createTeam('Agency');
    const { code } = await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
    const runner = startSyncRunner(db);
    const joined = await runner.join({ invite: `http://127.0.0.1:8787/join#${code}`, name, label: 'laptop' });
    await pass(1000);
    return { runner, teamId, joined };
  }
  const activeMembers = async (teamId: string) =>
    (await store.listMembers(teamId)).filter((m) => m.removedAt === null).map((m) => m.name);

  it("tells the server, so the person leaves Members and this browser's token stops working", async () => {
    const { runner, teamId } = await joinedAs('Ana');
    expect(await activeMembers(teamId)).toEqual(['Ana']);
    const left = runner.leave();
    await pass(100);
    expect(await left).toEqual({ serverTold: true });
    expect(events).toContain(`DELETE /v1/devices/${(await store.listDevices(teamId))[0]?.deviceId}`);
    expect(await activeMembers(teamId)).toEqual([]);
    expect((await store.listDevices(teamId)).every((d) => d.revokedAt !== null)).toBe(true);
    expect((await runner.status()).status.state).toBe('off');
  });

  it('leaves at once while the server is down, and says the server was not told', async () => {
    const { runner, teamId } = await joinedAs('Ana');
    up = false;
    const left = runner.leave();
    await pass(100);
    expect(await left).toEqual({ serverTold: false });
    expect((await runner.status()).status.state).toBe('off');
    // Nothing reached it: the server still lists her, as the dashboard's message says.
    expect(await activeMembers(teamId)).toEqual(['Ana']);
  });

  it('says the server was told when it had already let this browser go (removed by an admin)', async () => {
    const { runner, teamId } = await joinedAs('Ana');
    const [member] = await store.listMembers(teamId);
    await store.removeMember(teamId, member?.memberId as string);
    const left = runner.leave();
    await pass(100);
    expect(await left).toEqual({ serverTold: true });
  });
});
