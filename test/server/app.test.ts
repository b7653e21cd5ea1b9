import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { readConfig } from '../../server/config';
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
    expect(readConfig({})).toMatchObject({ port: 8787, host: '127.0.0.1' });
  });

  it('names every bad variable', () => {
    expect(() => readConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT.*DATABASE_URL|DATABASE_URL.*PORT/);
  });
});
