import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordShopCapture } from '../../extension/db/shops';
import { SyncClient } from '../../extension/sync/sync-client';
import { queueSnapshot } from '../../extension/sync/sync-state';
import { forgetHeldRecords, heldRecords, joinPreview, keysToHold, rememberLeftTeam } from '../../extension/sync/team-records';
import { openSqliteStore } from '../../server/store/sqlite';
import { capture, clientHarness } from './sync-harness';

/** Records carry the team they were shared with: joining another team does not upload them unasked. */
let dir: string;
let store: ReturnType<typeof openSqliteStore>;
let harness: ReturnType<typeof clientHarness>;

const SERVER = 'http://sync.test';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sac-team-records-'));
  store = openSqliteStore(dir);
  harness = clientHarness(store);
});
afterEach(async () => {
  await harness.dropBrowsers();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('joining another team after leaving one', () => {
  it("sends only this browser's own records, not the first team's, unless the person ticks it", async () => {
    const first = (await store.createTeam('First agency')).teamId;
    const second = (await store.createTeam('Second agency')).teamId;
    const inFirst = await harness.browser(first);
    await recordShopCapture(inFirst.db, capture('USLCQPEV3N'), 1000);
    await recordShopCapture(inFirst.db, capture('GBLCRKQTEX'), 1000);
    await inFirst.client.sync();

    // Leaves the first team; records one more shop; is about to join the second.
    await rememberLeftTeam(inFirst.db, { serverUrl: SERVER, teamId: first });
    await inFirst.db.outbox.clear();
    await recordShopCapture(inFirst.db, capture('PHLCX7Q2MA'), 2000);
    const preview = await joinPreview(inFirst.db);
    expect(preview.kinds.find((k) => k.collection === 'shops')).toMatchObject({ all: 3, fromLeftTeam: 2 });
    expect(preview.leftTeam).toEqual({ serverUrl: SERVER });

    const hold = await keysToHold(inFirst.db, { serverUrl: SERVER, teamId: second }, false);
    expect(hold.size).toBe(2);
    expect(await queueSnapshot(inFirst.db, hold)).toBe(1);
    const inSecond = await harness.browser(second);
    // The same browser, now with the second team's token.
    const client = new SyncClient(inFirst.db, { serverUrl: SERVER, token: inSecond.token }, ((url: string, init?: RequestInit) =>
      Promise.resolve(harness.app.request(url, init))) as typeof fetch);
    await client.sync();
    expect((await store.records(second, 'shops')).map((r) => r.id)).toEqual(['PHLCX7Q2MA']);
    // The first team's records stay in the browser.
    expect((await inFirst.db.shops.toArray()).map((s) => s.shopCode).sort()).toEqual(['GBLCRKQTEX', 'PHLCX7Q2MA', 'USLCQPEV3N']);
  });

  it('shares them when ticked, and when rejoining the same team', async () => {
    const first = (await store.createTeam('First agency')).teamId;
    const a = await harness.browser(first);
    await recordShopCapture(a.db, capture('USLCQPEV3N'), 1000);
    await rememberLeftTeam(a.db, { serverUrl: SERVER, teamId: first });
    expect((await keysToHold(a.db, { serverUrl: SERVER, teamId: 'another' }, true)).size).toBe(0);
    expect((await keysToHold(a.db, { serverUrl: SERVER, teamId: first }, false)).size).toBe(0);
    expect((await keysToHold(a.db, { serverUrl: 'https://other.example', teamId: first }, false)).size).toBe(1);
  });

  it("says which records are the left team's only, and removes them from this browser alone when asked", async () => {
    const first = (await store.createTeam('First agency')).teamId;
    const second = (await store.createTeam('Second agency')).teamId;
    const inFirst = await harness.browser(first);
    for (const code of ['USLCQPEV3N', 'GBLCRKQTEX', 'DELCA1B2C3']) await recordShopCapture(inFirst.db, capture(code), 1000);
    await inFirst.client.sync();
    await rememberLeftTeam(inFirst.db, { serverUrl: SERVER, teamId: first });
    await inFirst.db.outbox.clear();
    await inFirst.db.syncVersions.clear();
    const hold = await keysToHold(inFirst.db, { serverUrl: SERVER, teamId: second }, false);
    await queueSnapshot(inFirst.db, hold);
    // The second team already has one of them, seen by one of its own browsers.
    const teammate = await harness.browser(second);
    await recordShopCapture(teammate.db, capture('GBLCRKQTEX'), 3000);
    await teammate.client.sync();
    const inSecond = await harness.browser(second);
    const client = new SyncClient(inFirst.db, { serverUrl: SERVER, token: inSecond.token }, ((url: string, init?: RequestInit) =>
      Promise.resolve(harness.app.request(url, init))) as typeof fetch);
    await client.sync();
    const now = { serverUrl: SERVER, teamId: second };
    // Pulled from the second team: that one is its now. Changed here since joining: sent, so its too.
    await recordShopCapture(inFirst.db, capture('DELCA1B2C3', 'Renamed here'), 4000);
    expect(await heldRecords(inFirst.db, now)).toEqual({ count: 1, fromHost: 'sync.test' });
    expect(await heldRecords(inFirst.db, { serverUrl: SERVER, teamId: first })).toBeNull();

    const queued = await inFirst.db.outbox.count();
    expect(await forgetHeldRecords(inFirst.db, now)).toBe(1);
    expect((await inFirst.db.shops.toArray()).map((s) => s.shopCode).sort()).toEqual(['DELCA1B2C3', 'GBLCRKQTEX']);
    // Nothing queued for the second team: it never had the record removed.
    expect(await inFirst.db.outbox.count()).toBe(queued);
    // The record changed here reaches the second team whole, as a record new to it: no "deleted since"
    // conflict, and the person's edit is kept in both places.
    expect((await client.sync()).conflicts).toEqual([]);
    const renamed = (await store.records(second, 'shops')).find((r) => r.id === 'DELCA1B2C3');
    expect(renamed?.fields).toMatchObject({ shopCode: 'DELCA1B2C3', name: 'Renamed here', region: 'US', firstSeenAt: 1000 });
    expect((await inFirst.db.shops.get('DELCA1B2C3'))?.name).toBe('Renamed here');
    expect(await heldRecords(inFirst.db, now)).toBeNull();
  });
});
