import 'fake-indexeddb/auto';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { expiringSoon } from '../../extension/db/authorizations';
import { CompanionDb } from '../../extension/db/database';

/**
 * An update keeps every record: a browser's IndexedDB as the last release wrote it opens under
 * today's schema with nothing lost. The last release's schema is read from git (its version()
 * calls), so this test follows whatever today's database.ts declares.
 */
const LAST_RELEASE = '7b8d5b9';
const ROOT = resolve(import.meta.dirname, '../..');

function lastReleaseVersions(): { version: number; stores: Record<string, string> }[] {
  const source = execFileSync('git', ['show', `${LAST_RELEASE}:extension/db/database.ts`], { cwd: ROOT, encoding: 'utf8' });
  return [...source.matchAll(/this\.version\((\d+)\)\.stores\((\{[\s\S]*?\})\);/g)].map((m) => ({
    version: Number(m[1]),
    // The stores argument is an object literal of strings: data, read as JSON once its keys are quoted.
    stores: JSON.parse(
      (m[2] as string)
        .replace(/(\w+):/g, '"$1":')
        .replace(/'/g, '"')
        .replace(/,\s*\}/, '}'),
    ),
  }));
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe("today's database opens one written by the last release", () => {
  it('keeps every record of every table, and works with them', async () => {
    const name = `upgrade-${Math.random()}`;
    names.push(name);
    const versions = lastReleaseVersions();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    const old = new Dexie(name);
    for (const v of versions) old.version(v.version).stores(v.stores);
    const now = Date.UTC(2026, 10, 24);
    const shop = {
      shopCode: 'USLCQPEV3N',
      name: 'Maple',
      region: 'US',
      sellerType: 'local',
      standardCode: true,
      firstSeenAt: 1,
      lastSeenAt: now,
    };
    const authorization = {
      id: 'USLCQPEV3N|a',
      shopCode: 'USLCQPEV3N',
      serviceName: 'Ads management',
      partner: 'Growth Partners Ltd',
      serviceType: 'custom',
      status: 'active',
      rawStatus: 'Active',
      authorizedAt: now - 300 * 86_400_000,
      expiresAt: now + 5 * 86_400_000,
      lastSeenAt: now,
    };
    await old.table('shops').put(shop);
    await old.table('authorizations').put(authorization);
    await old
      .table('tspRequests')
      .put({ id: 'r', partner: 'P', status: 'connected', rawStatus: 'Connected', history: [], lastSeenAt: now });
    await old.table('partnerAccess').put({
      id: 'p',
      shopCode: 'USLCQPEV3N',
      businessCenterName: 'BC',
      status: 'approved',
      rawStatus: 'Approved',
      lastSeenAt: now,
    });
    await old.table('accessRequests').put({
      id: 'a',
      businessCenterId: '7000000000001',
      shopCode: 'USLCQPEV3N',
      method: 'request_access',
      status: 'pending',
      resends: [],
      updatedAt: now,
    });
    await old.table('syncState').put({ key: 'checkpoint', value: 42 });
    await old.table('outbox').add({
      key: 'shops\u0000USLCQPEV3N',
      mutationId: 'm',
      collection: 'shops',
      id: 'USLCQPEV3N',
      op: 'upsert',
      fields: {},
      baseVersion: 0,
      createdAt: now,
    });
    old.close();

    const today = new CompanionDb(name);
    await today.open();
    expect(today.verno).toBeGreaterThan(4);
    expect(await today.shops.get('USLCQPEV3N')).toEqual(shop);
    expect(await today.authorizations.get('USLCQPEV3N|a')).toEqual(authorization);
    expect(await today.tspRequests.count()).toBe(1);
    expect(await today.partnerAccess.count()).toBe(1);
    expect(await today.accessRequests.count()).toBe(1);
    expect((await today.syncState.get('checkpoint'))?.value).toBe(42);
    expect(await today.outbox.count()).toBe(1);
    // Read through today's indexes.
    expect((await expiringSoon(today, new Date(now), 15, 'USLCQPEV3N')).map((a) => a.id)).toEqual(['USLCQPEV3N|a']);
    today.close();
  });
});
