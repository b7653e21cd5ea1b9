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
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    events.push(`${up ? '' : 'refused '}${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    if (!up) throw new TypeError('fetch failed');
    onRequest(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return app.request(url, init);
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
    return teamId;
  }

  it('pulls once for its own push, though the server pokes it while it pushes', async () => {
    const teamId = await joined();
    // The server's poke for this browser's own commit, before its answer reaches the browser.
    onRequest = (request) => request === 'POST /v1/push' && poke();
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await pass(3000);
    expect(events.filter((e) => e === 'POST /v1/push')).toHaveLength(1);
    expect(events.filter((e) => e === 'GET /v1/pull')).toHaveLength(1);
    expect((await store.records(teamId, 'shops')).map((r) => r.id)).toEqual(['USLCQPEV3N']);
  });

  it('pulls again for a poke that comes once its pull has begun: that commit may be after what it read', async () => {
    const teamId = await joined();
    const teammate = await store.authenticate((await store.createDeviceToken(teamId, 'member', 'Ben')).token);
    let first = true;
    onRequest = (request) => {
      if (request !== 'GET /v1/pull' || !first) return;
      first = false;
      poke();
    };
    await recordShopCapture(db, capture('USLCQPEV3N'), Date.now());
    await pass(3000);
    expect(events.filter((e) => e === 'GET /v1/pull')).toHaveLength(2);
    // And what a teammate commits while this browser pulls arrives with the poke's run.
    events.length = 0;
    first = true;
    onRequest = (request) => {
      if (request !== 'GET /v1/pull' || !first) return;
      first = false;
      void store
        .push(teammate as never, {
          clientId: 'ben',
          mutations: [
            {
              mutationId: crypto.randomUUID(),
              collection: 'shops',
              id: 'USLCAAAA11',
              baseVersion: 0,
              op: 'upsert',
              fields: { ...capture('USLCAAAA11'), firstSeenAt: Date.now(), lastSeenAt: Date.now() },
            },
          ],
        })
        .then(poke);
    };
    await recordShopCapture(db, capture('USLCBBBB22'), Date.now());
    await pass(3000);
    expect((await db.shops.toArray()).map((s) => s.shopCode).sort()).toEqual(['USLCAAAA11', 'USLCBBBB22', 'USLCQPEV3N']);
  });
});
