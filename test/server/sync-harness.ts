import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { CompanionDb } from '../../extension/db/database';
import { SyncClient, type SyncClientOptions } from '../../extension/sync/sync-client';
import { createApp } from '../../server/app';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Role, Store } from '../../server/store/store';

/**
 * The extension's sync client (the code the background runs) on Dexie over fake-indexeddb, against
 * the real server app on a real store, called in-process through a transport the test can break.
 */
export type Transport = (url: string, init?: RequestInit) => Response | Promise<Response>;

export interface TestBrowser {
  db: CompanionDb;
  client: SyncClient;
  token: string;
  deviceId: string;
  /** A new client on the same database, as after the service worker was stopped and started again. */
  restart(): void;
}

export function clientHarness(store: Store) {
  const app = createApp({ store, publicUrl: 'http://sync.test' });
  const dbs: CompanionDb[] = [];
  const direct: Transport = (url, init) => app.request(url, init);

  async function browser(
    teamId: string,
    {
      transport = direct,
      role = 'member',
      name,
      options,
    }: { transport?: Transport; role?: Role; name?: string; options?: SyncClientOptions } = {},
  ): Promise<TestBrowser> {
    const db = new CompanionDb(`client-${Math.random()}`);
    dbs.push(db);
    const label = `browser ${dbs.length}`;
    const { token, deviceId } = name
      ? await redeem(teamId, role, name, label)
      : await store.createDeviceToken(teamId, role, label);
    const make = () =>
      new SyncClient(
        db,
        { serverUrl: 'http://sync.test', token },
        ((url: string, init?: RequestInit) => Promise.resolve(transport(url, init))) as typeof fetch,
        options,
      );
    const made: TestBrowser = {
      db,
      client: make(),
      token,
      deviceId,
      restart() {
        made.client = make();
      },
    };
    return made;
  }

  /** A member with a name, as joining by invite makes one (the audit names them). */
  async function redeem(teamId: string, role: Role, name: string, label: string) {
    const { code } = await store.createInvite(teamId, role, { maxUses: 1, expiresAt: Date.now() + 60_000 });
    const redeemed = await store.redeemInvite(code, label, name);
    if (!redeemed) throw new Error('invite not redeemed');
    return { token: redeemed.token, deviceId: redeemed.deviceId };
  }

  return {
    app,
    direct,
    browser,
    async dropBrowsers() {
      for (const db of dbs.splice(0)) await db.delete();
    },
  };
}

/** A US local shop as Seller information shows it, for the tests that capture shops. */
export const capture = (shopCode: string, name?: string) => ({
  shopCode,
  name,
  region: 'US' as const,
  sellerType: 'local' as const,
  sellerCenterHost: 'seller-us.tiktok.com',
  standardCode: true,
});

export interface TeamUnderTest {
  store: ReturnType<typeof openSqliteStore>;
  harness: ReturnType<typeof clientHarness>;
  teamId: string;
}

/**
 * Each test of the file gets a new SQLite store in a scratch directory, the harness over it and
 * one team, handed to `use`; its browsers' databases and the directory go after the test.
 */
export function freshTeamEachTest(prefix: string, use: (team: TeamUnderTest) => void): void {
  let dir = '';
  let team: TeamUnderTest | null = null;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    const store = openSqliteStore(dir);
    team = { store, harness: clientHarness(store), teamId: (await store.createTeam('Agency')).teamId };
    use(team);
  });
  afterEach(async () => {
    await team?.harness.dropBrowsers();
    await team?.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
