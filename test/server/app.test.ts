import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { clientAddress, readConfig } from '../../server/config';
import { SERVER_NODE_FLAGS } from '../../server/node-flags';
import { openSqliteStore } from '../../server/store/sqlite';

let dir: string;
let store: ReturnType<typeof openSqliteStore>;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sac-server-'));
  store = openSqliteStore(dir);
  app = createApp({ store });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('server skeleton on a real SQLite file', () => {
  it('answers /health', async () => {
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it('answers /ready from the store, which is a WAL file on disk', async () => {
    const res = await app.request('/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: 'sqlite' });
    expect(existsSync(store.path)).toBe(true);
    expect(existsSync(`${store.path}-wal`)).toBe(true);
  });

  it('says /ready is not ready, as JSON, when the store is gone', async () => {
    const broken = createApp({
      store: { ...store, ping: () => Promise.reject(new Error('closed')) },
    });
    const res = await broken.request('/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'store_unavailable', message: expect.any(String) } });
  });

  it('answers an unknown route with a JSON 404 that names it', async () => {
    const res = await app.request('/nope?x=1', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No route for POST /nope' } });
  });
});

describe('configuration', () => {
  it('has defaults that run on a laptop', () => {
    expect(readConfig({})).toMatchObject({ port: 8787, host: '127.0.0.1', retentionDays: 30 });
  });

  it('takes a tombstone retention in whole days, at least one', () => {
    expect(readConfig({ RETENTION_DAYS: '7' }).retentionDays).toBe(7);
    expect(() => readConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => readConfig({ RETENTION_DAYS: 'week' })).toThrow(/RETENTION_DAYS/);
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => readConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(clientAddress('203.0.113.9, 10.0.0.2', '10.0.0.2', false)).toBe('10.0.0.2');
    // One proxy: it appended the rightmost entry; everything left of it is the client's own word.
    expect(clientAddress('203.0.113.9, 10.0.0.2', '10.0.0.3', true)).toBe('10.0.0.2');
    expect(clientAddress('1.2.3.4', '10.0.0.3', true)).toBe('1.2.3.4');
    expect(clientAddress(undefined, '10.0.0.2', true)).toBe('10.0.0.2');
    expect(clientAddress(undefined, undefined, false)).toBe('unknown');
  });

  it('runs `npm run server` with the V8 flags the tests and benchmarks measured', () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    const command = pkg.scripts.server.split('&&').at(-1).trim().split(/\s+/);
    expect(command).toEqual(['node', ...SERVER_NODE_FLAGS, '.output/server/index.mjs']);
  });

  it('names every bad variable', () => {
    expect(() => readConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT.*DATABASE_URL|DATABASE_URL.*PORT/);
  });
});
