import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompanionDb } from '../../extension/db/database';
import { recordShopCapture } from '../../extension/db/shops';
import { SyncClient } from '../../extension/sync/sync-client';
import { createApp } from '../../server/app';
import { LiveHub, pagesFrom } from '../../server/live';
import { openSqliteStore } from '../../server/store/sqlite';
import { type PokedPage, pokedPage } from '../../shared/sync-protocol';
import { capture } from './sync-harness';

/** Pokes that carry their commit's records: the real app, a real SQLite file, Dexie on fake-indexeddb. */
let dir: string;
let store: ReturnType<typeof openSqliteStore>;
let app: ReturnType<typeof createApp>;
let teamId: string;
let heard: string[];
const dbs: CompanionDb[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sac-poke-'));
  store = openSqliteStore(dir);
  const hub = new LiveHub(pagesFrom(store));
  app = createApp({ store, hub, publicUrl: 'http://sync.test' });
  teamId = (await store.createTeam('Agency')).teamId;
  heard = [];
  hub.add(teamId, 'listener', { send: (data) => heard.push(data), close: () => {} });
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function browser() {
  const db = new CompanionDb(`poke-${Math.random()}`);
  dbs.push(db);
  const { token } = await store.createDeviceToken(teamId, 'member', `browser ${dbs.length}`);
  const calls: string[] = [];
  const client = new SyncClient(db, { serverUrl: 'http://sync.test', token }, ((url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
    return Promise.resolve(app.request(url, init));
  }) as typeof fetch);
  return { db, client, calls };
}

async function lastPoke(): Promise<PokedPage> {
  for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  const poked = pokedPage(heard.at(-1) as string);
  if (!poked) throw new Error(`the last poke carried no records: ${heard.at(-1)}`);
  return poked;
}

/** Two members' browsers that both hold the team's first shop and are up to date. */
async function twoBrowsersInSync() {
  const a = await browser();
  const b = await browser();
  await recordShopCapture(a.db, capture('USLCAAAA11', 'First'), 1000);
  await a.client.sync();
  await b.client.sync();
  return { a, b };
}

describe('a poke that carries its records', () => {
  it("lets a browser up to date store a teammate's change without pulling, and only what it lacks", async () => {
    const { a, b } = await twoBrowsersInSync();
    heard = [];
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 2000);
    await a.client.sync();
    const poke = await lastPoke();
    expect(poke.page.changes.map((c) => c.id)).toEqual(['USLCQPEV3N']);
    const before = b.calls.length;
    const outcome = await b.client.storePoked(poke);
    expect(outcome?.pulled).toBe(1);
    expect(b.calls.length).toBe(before);
    expect((await b.db.shops.get('USLCQPEV3N'))?.name).toBe('Maple');
    expect((await b.db.syncState.get('checkpoint'))?.value).toBe(poke.page.next);
    // The same poke again (or one the browser's own pull overtook): nothing left to store.
    expect((await b.client.storePoked(poke))?.pulled).toBe(0);
  });

  it('is refused by a browser that missed an earlier commit, and by one that never pulled', async () => {
    const { a, b } = await twoBrowsersInSync();
    await recordShopCapture(a.db, capture('USLCBBBB22', 'Missed'), 2000);
    await a.client.sync();
    heard = [];
    await recordShopCapture(a.db, capture('USLCQPEV3N', 'Maple'), 3000);
    await a.client.sync();
    const poke = await lastPoke();
    expect(await b.client.storePoked(poke)).toBeNull();
    expect(await b.db.shops.get('USLCQPEV3N')).toBeUndefined();
    const fresh = await browser();
    expect(await fresh.client.storePoked(poke)).toBeNull();
  });
});
