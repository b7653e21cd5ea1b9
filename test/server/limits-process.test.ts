import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import { liveClient, type RunningServer, startServer } from './server-process';
import { putLegacyRecord, TEST_DATABASE_URL } from './stores';

/** Faults of the process itself (its heap, its event loop, its locks), tried against the real server. */
describe('the server process under hostile or unlucky conditions', () => {
  let server: RunningServer | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A SQLite team with an owner and a member, made before the server starts. */
  async function sqliteTeam() {
    const dir = mkdtempSync(join(tmpdir(), 'sac-limits-'));
    dirs.push(dir);
    const store = openSqliteStore(dir);
    const { teamId } = await store.createTeam('A');
    const owner = (await store.createDeviceToken(teamId, 'owner', 'o')).token;
    const member = (await store.createDeviceToken(teamId, 'member', 'm')).token;
    return { dir, store, teamId, owner, member };
  }

  const call = (path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    return fetch(`${server?.url}${path}`, { ...init, headers, body });
  };
  const alive = async () => server?.child.exitCode === null && (await call('/health', null)).status === 200;

  /** Streams `total` bytes of body (chunked unless a length is given) and resolves with the answer, or the error. */
  function sendBody(path: string, total: number, headers: Record<string, string> = {}): Promise<number | string> {
    return new Promise((done) => {
      const req = request(`${server?.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      });
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      chunk.write('{"invite":"');
      let sent = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        done(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => {
        if (!answered) done(String(error));
      });
      const write = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        if (!answered) req.end();
      };
      write();
    });
  }

  it('answers 413 to a 100 MB body to invite redemption, chunked, and to 20 MB to invite creation, and lives', async () => {
    const { dir, owner } = await sqliteTeam();
    server = await startServer({ DATA_DIR: dir });
    expect(await sendBody('/v1/invites/redeem', 100 * 1024 * 1024)).toBe(413);
    expect(await alive()).toBe(true);
    const big = JSON.stringify({ role: 'member', pad: 'x'.repeat(20 * 1024 * 1024) });
    const created = await call('/v1/invites', owner, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(created.status).toBe(413);
    expect(await alive()).toBe(true);
  });

  it('closes a live socket that sends a message over 16 KB (1009), and keeps the rest', async () => {
    const { dir, member } = await sqliteTeam();
    server = await startServer({ DATA_DIR: dir });
    const big = await liveClient(server.url, member);
    const small = await liveClient(server.url, member);
    big.ws.send('x'.repeat(1024 * 1024));
    big.ws.send(JSON.stringify({ type: 'ping' }));
    expect((await big.closed).code).toBe(1009);
    expect(big.messages.some((m) => m.type === 'pong')).toBe(false);
    small.ws.send(JSON.stringify({ type: 'ping' }));
    await expect.poll(() => small.messages.some((m) => m.type === 'pong')).toBe(true);
    small.ws.close();
  });

  it('behind a proxy, keys rate limits on the address the proxy appended, not what the client wrote', async () => {
    const { dir, member } = await sqliteTeam();
    server = await startServer({ DATA_DIR: dir, TRUST_PROXY: 'true' });
    const via = (client: string, i: number) => ({ headers: { 'x-forwarded-for': `10.9.${i % 250}.${i % 7}, ${client}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await call('/v1/pull', `sac_guess_${i}`, via('203.0.113.5', i))).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Writing someone else's address on the left locks no one else out.
    expect((await call('/v1/pull', member, { headers: { 'x-forwarded-for': '203.0.113.5, 203.0.113.6' } })).status).toBe(200);
    const redeem = (i: number) =>
      call('/v1/invites/redeem', null, {
        method: 'POST',
        json: { invite: 'inv_guess_000', label: 'x' },
        ...via('198.51.100.9', i),
      });
    const redeemed: number[] = [];
    for (let i = 0; i < 21; i++) redeemed.push((await redeem(i)).status);
    expect(redeemed.at(-1)).toBe(429);
  });

  it('serves a team holding 200 records of ~1 MB in capped pages, and lives', async () => {
    const { dir, store, teamId, member } = await sqliteTeam();
    for (let v = 1; v <= 200; v++) {
      await putLegacyRecord(store, teamId, {
        collection: 'shops',
        id: `BIG${v}`,
        version: v,
        fields: { note: 'z'.repeat(1_000_000) },
      });
    }
    await store.close();
    server = await startServer({ DATA_DIR: dir });
    let since = 0;
    let pulled = 0;
    for (;;) {
      const res = await call(`/v1/pull?since=${since}&limit=5000`, member);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { changes: unknown[]; next: number; more: boolean };
      pulled += page.changes.length;
      since = page.next;
      if (!page.more) break;
    }
    expect(pulled).toBe(200);
    expect(await alive()).toBe(true);
  });

  it('while another process holds the SQLite write lock: reads and health answer at once, writes 503, /ready says so', async () => {
    const { dir, store, member } = await sqliteTeam();
    const path = store.path;
    await store.close();
    server = await startServer({ DATA_DIR: dir, LOCK_WAIT_MS: '1000' });
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const order: string[] = [];
    const mutation = {
      mutationId: 'm-locked-01',
      collection: 'shops',
      id: 'USLCQPEV3N',
      baseVersion: 0,
      op: 'upsert',
      fields: {},
    };
    const pushing = call('/v1/push', member, { method: 'POST', json: { clientId: 'client-locked', mutations: [mutation] } }).then(
      (res) => {
        order.push('push');
        return res;
      },
    );
    expect((await call('/health', null)).status).toBe(200);
    order.push('health');
    expect((await call('/v1/pull', member)).status).toBe(200);
    order.push('pull');
    const ready = await call('/ready', null);
    expect(ready.status).toBe(503);
    const refused = await pushing;
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'store_busy' } });
    expect(order).toEqual(['health', 'pull', 'push']);
    holder.exec('ROLLBACK');
    holder.close();
    const pushed = await call('/v1/push', member, { method: 'POST', json: { clientId: 'client-locked', mutations: [mutation] } });
    expect(pushed.status).toBe(200);
    expect((await call('/ready', null)).status).toBe(200);
  });

  it('on PostgreSQL, a team row and device rows locked elsewhere: pulls answer, pushes 503 instead of waiting forever', async () => {
    const schema = `t_lock_${Date.now().toString(36)}`;
    const store = await openPostgresStore(TEST_DATABASE_URL, schema);
    const { teamId } = await store.createTeam('A');
    const member = (await store.createDeviceToken(teamId, 'member', 'm')).token;
    server = await startServer({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, LOCK_WAIT_MS: '1000' });
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    let locked = () => {};
    const holding = new Promise<void>((done) => {
      locked = done;
    });
    const transaction = store.sql.begin(async (tx) => {
      await tx`SELECT id FROM teams WHERE id = ${teamId} FOR UPDATE`;
      await tx`SELECT id FROM devices WHERE team_id = ${teamId} FOR UPDATE`;
      locked();
      await held;
    });
    try {
      await holding;
      expect((await call('/v1/pull', member)).status).toBe(200);
      const mutation = {
        mutationId: 'm-locked-02',
        collection: 'shops',
        id: 'USLCQPEV3N',
        baseVersion: 0,
        op: 'upsert',
        fields: {},
      };
      const refused = await call('/v1/push', member, {
        method: 'POST',
        json: { clientId: 'client-locked', mutations: [mutation] },
      });
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: { code: 'store_busy' } });
      release();
      await transaction;
      const pushed = await call('/v1/push', member, {
        method: 'POST',
        json: { clientId: 'client-locked', mutations: [mutation] },
      });
      expect(pushed.status).toBe(200);
    } finally {
      release();
      await transaction.catch(() => {});
      await server?.stop('SIGKILL');
      server = undefined;
      await store.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    }
  });
});
