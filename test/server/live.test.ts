import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import { liveClient, type RunningServer, startServer } from './server-process';
import { TEST_DATABASE_URL } from './stores';

const running: RunningServer[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop('SIGKILL');
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const push = (url: string, token: string, id: string, n = 1) =>
  fetch(`${url}/v1/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      clientId: 'client-live-1',
      mutations: Array.from({ length: n }, (_, i) => ({
        mutationId: `${id}-${i}-mutation`,
        collection: 'shops',
        id: `${id}-${i}`,
        baseVersion: 0,
        op: 'upsert',
        fields: { i },
      })),
    }),
  });

async function sqliteTeam() {
  const dir = mkdtempSync(join(tmpdir(), 'sac-live-'));
  const store = openSqliteStore(dir);
  const { teamId } = await store.createTeam('Live');
  const a = await store.createDeviceToken(teamId, 'member', 'a');
  const b = await store.createDeviceToken(teamId, 'member', 'b');
  await store.close();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, teamId, a, b };
}

describe('the server as a process', () => {
  it("pokes every socket of the team after a push, and closes a revoked device's socket at once", async () => {
    const { dir, a, b } = await sqliteTeam();
    const server = await startServer({ DATA_DIR: dir });
    running.push(server);
    const alice = await liveClient(server.url, a.token);
    const bob = await liveClient(server.url, b.token);
    expect((await push(server.url, a.token, 'shop')).status).toBe(200);
    await until(() => bob.messages.some((m) => m.type === 'poke' && m.version === 1), 'bob poked');
    await until(() => alice.messages.some((m) => m.type === 'poke'), 'alice poked');
    alice.ws.send(JSON.stringify({ type: 'ping' }));
    await until(() => alice.messages.some((m) => m.type === 'pong'), 'pong');
    const revoked = await fetch(`${server.url}/v1/devices/${b.deviceId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${b.token}` },
    });
    expect(revoked.status).toBe(200);
    expect(await bob.closed).toEqual({ code: 4001, reason: 'device revoked' });
    alice.ws.close();
  });

  it("closes every socket of a removed member's browsers at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sac-live-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const store = openSqliteStore(dir);
    const { teamId } = await store.createTeam('Live');
    const owner = await store.createDeviceToken(teamId, 'owner', 'owner');
    const laptop = await store.createDeviceToken(teamId, 'member', 'dana laptop');
    const desktop = await store.createDeviceToken(teamId, 'member', 'dana desktop', laptop.memberId);
    await store.close();
    const server = await startServer({ DATA_DIR: dir });
    running.push(server);
    const sockets = [await liveClient(server.url, laptop.token), await liveClient(server.url, desktop.token)];
    const ownerSocket = await liveClient(server.url, owner.token);
    const removed = await fetch(`${server.url}/v1/members/${laptop.memberId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(await removed.json()).toEqual({ removed: laptop.memberId, revokedDevices: [laptop.deviceId, desktop.deviceId] });
    for (const socket of sockets) expect(await socket.closed).toEqual({ code: 4001, reason: 'device revoked' });
    expect(ownerSocket.ws.readyState).toBe(ownerSocket.ws.OPEN);
    ownerSocket.ws.close();
  });

  it('refuses a socket with a bad token', async () => {
    const { dir } = await sqliteTeam();
    const server = await startServer({ DATA_DIR: dir });
    running.push(server);
    await expect(liveClient(server.url, 'sac_wrong')).rejects.toThrow(/4001 unknown or revoked token/);
  });

  it('loses no acknowledged change when SIGKILLed mid-push and restarted', async () => {
    const { dir, a } = await sqliteTeam();
    const first = await startServer({ DATA_DIR: dir });
    running.push(first);
    const acknowledged: string[] = [];
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await push(first.url, a.token, `k${i}`, 20);
          if (res.status === 200) acknowledged.push(...Array.from({ length: 20 }, (_, j) => `k${i}-${j}`));
        } catch {
          return;
        }
      }
    })();
    await until(() => acknowledged.length >= 200, 'some pushes acknowledged');
    await first.stop('SIGKILL');
    stop = true;
    await writer;
    const second = await startServer({ DATA_DIR: dir });
    running.push(second);
    const ids = new Set<string>();
    let since = 0;
    for (;;) {
      const page = (await (
        await fetch(`${second.url}/v1/pull?since=${since}&limit=5000`, { headers: { authorization: `Bearer ${a.token}` } })
      ).json()) as {
        changes: { id: string }[];
        next: number;
        more: boolean;
      };
      for (const c of page.changes) ids.add(c.id);
      since = page.next;
      if (!page.more) break;
    }
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('finishes in-flight work and closes sockets with a reason on SIGTERM', async () => {
    const { dir, a } = await sqliteTeam();
    const server = await startServer({ DATA_DIR: dir });
    const client = await liveClient(server.url, a.token);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(await client.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });

  it("on PostgreSQL, two instances poke each other's sockets (LISTEN/NOTIFY)", async () => {
    const schema = `live_${Date.now().toString(36)}`;
    const setup = await openPostgresStore(TEST_DATABASE_URL, schema);
    const { teamId } = await setup.createTeam('Live PG');
    const a = await setup.createDeviceToken(teamId, 'member', 'a');
    const b = await setup.createDeviceToken(teamId, 'member', 'b');
    cleanups.push(async () => {
      await setup.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await setup.close();
    });
    const one = await startServer({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
    const two = await startServer({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema });
    running.push(one, two);
    const listener = await liveClient(two.url, b.token);
    expect((await push(one.url, a.token, 'pg')).status).toBe(200);
    await until(() => listener.messages.some((m) => m.type === 'poke'), 'poke across instances');
    listener.ws.close();
  });

  it('on PostgreSQL, a push announces its commit from inside its transaction, and a push rolled back announces nothing', async () => {
    const schema = `live_${Date.now().toString(36)}n`;
    const channel = `sac_test_${Date.now().toString(36)}`;
    const store = await openPostgresStore(TEST_DATABASE_URL, schema, { commitChannel: channel, teamStorageBytes: 2_000 });
    cleanups.push(async () => {
      await store.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    });
    const heard: Array<{ teamId: string; version: number }> = [];
    await store.sql.listen(channel, (payload) => heard.push(JSON.parse(payload)));
    const { teamId } = await store.createTeam('Notify PG');
    const principal = await store.authenticate((await store.createDeviceToken(teamId, 'member', 'a')).token);
    if (!principal) throw new Error('no principal');
    const upsert = (id: string, name: string) => ({
      mutationId: `m-notify-${id}-${name.length}`,
      collection: 'shops' as const,
      id,
      baseVersion: 0,
      op: 'upsert' as const,
      fields: { name },
    });
    const [first] = await store.push(principal, { clientId: 'client-notify-1', mutations: [upsert('USLCNOTIF1', 'Maple')] });
    await until(() => heard.length === 1, 'the commit announced');
    const version = first && 'version' in first ? first.version : -1;
    // `since` is the version before the push's one mutation: a poke's page starts there.
    expect(heard).toEqual([{ teamId, version, since: version - 1 }]);
    // Over the team's storage: the push throws and rolls back, so no instance may hear of it.
    await expect(
      store.push(principal, { clientId: 'client-notify-1', mutations: [upsert('USLCNOTIF2', 'x'.repeat(5_000))] }),
    ).rejects.toThrow();
    const [third] = await store.push(principal, { clientId: 'client-notify-1', mutations: [upsert('USLCNOTIF3', 'Birch')] });
    await until(() => heard.length >= 2, 'the next commit announced');
    // Heard in order, the first then the third: nothing between them from the push that rolled back.
    const thirdVersion = third && 'version' in third ? third.version : -1;
    expect(heard).toEqual([heard[0], { teamId, version: thirdVersion, since: thirdVersion - 1 }]);
  });
});
