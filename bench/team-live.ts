/**
 * Live sync between two members, Node clients: the extension's own sync client (Dexie on
 * fake-indexeddb, the same code the background runs) against the server bundle as its own process,
 * on SQLite and on PostgreSQL. Member A records a new shop every 100 ms (10 writes a second), then
 * every 20 ms (50 a second); A pushes at once and coalesces what follows, as the background does;
 * B pulls on each WebSocket poke. Measured: A's write until the record is in B's database.
 * The PouchDB peer's figure is its own `node bench.mjs --only=live,live-slow` (put -> change).
 * Run: npm run build:server && tsx bench/team-live.ts
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { CompanionDb } from '../extension/db/database';
import { recordShopCapture } from '../extension/db/shops';
import { whenLocalChange } from '../extension/sync/outbox-middleware';
import { SyncClient } from '../extension/sync/sync-client';
import { openPostgresStore } from '../server/store/postgres';
import { openSqliteStore } from '../server/store/sqlite';
import type { Store } from '../server/store/store';
import { startServer } from '../test/server/server-process';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WRITES = 200;
const RATES = [10, 50];
const pct = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One sync at a time; a request during a run makes exactly one more run after it (the background's rule). */
function scheduler(client: SyncClient, after: () => Promise<void> = async () => {}) {
  let running: Promise<void> | null = null;
  let again = false;
  const now = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = client
      .sync()
      .then(after)
      .catch(() => {})
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void now();
        }
      });
    return running;
  };
  return now;
}

async function member(serverUrl: string, token: string) {
  const db = new CompanionDb(`live-${Math.random()}`);
  const client = new SyncClient(db, { serverUrl, token });
  return { db, client };
}

async function measure(target: { name: string; env: Record<string, string>; store: Store }) {
  const { teamId } = await target.store.createTeam('live bench');
  const tokens = [
    (await target.store.createDeviceToken(teamId, 'member', 'A')).token,
    (await target.store.createDeviceToken(teamId, 'member', 'B')).token,
  ];
  const server = await startServer(target.env, 'bundle');
  const out: Record<string, unknown> = {};
  try {
    for (const rate of RATES) {
      const a = await member(server.url, tokens[0] as string);
      const b = await member(server.url, tokens[1] as string);
      const written = new Map<string, number>();
      const latencies: number[] = [];
      const syncB = scheduler(b.client, async () => {
        if (written.size === 0) return;
        const codes = [...written.keys()];
        const found = await b.db.shops.bulkGet(codes);
        const at = performance.now();
        found.forEach((shop, i) => {
          const code = codes[i] as string;
          if (!shop) return;
          latencies.push(at - (written.get(code) as number));
          written.delete(code);
        });
      });
      await syncB();
      const socket = new WebSocket(
        `${server.url.replace(/^http/, 'ws')}/v1/live?token=${encodeURIComponent(tokens[1] as string)}`,
      );
      await new Promise((done) => socket.once('open', done));
      socket.on('message', (data) => {
        if (String(data).includes('"poke"')) void syncB();
      });
      const syncA = scheduler(a.client);
      whenLocalChange(() => void syncA());
      const interval = 1000 / rate;
      const start = performance.now();
      for (let i = 0; i < WRITES; i++) {
        const wait = start + i * interval - performance.now();
        if (wait > 0) await sleep(wait);
        const code = `USLC${String(rate).padStart(2, '0')}${String(i).padStart(4, '0')}`;
        written.set(code, performance.now());
        await recordShopCapture(
          a.db,
          { shopCode: code, region: 'US', sellerType: 'local', sellerCenterHost: 'seller-us.tiktok.com', standardCode: true },
          Date.now(),
        );
      }
      for (let waited = 0; written.size > 0 && waited < 30_000; waited += 50) await sleep(50);
      socket.close();
      out[`${rate}WritesPerSecond`] = {
        samples: latencies.length,
        lost: written.size,
        p50Ms: Math.round(pct(latencies, 50) * 10) / 10,
        p99Ms: Math.round(pct(latencies, 99) * 10) / 10,
        maxMs: Math.round(Math.max(...latencies) * 10) / 10,
      };
      await a.db.delete();
      await b.db.delete();
    }
  } finally {
    await server.stop('SIGTERM');
  }
  return out;
}

async function main() {
  const results: Record<string, unknown> = {
    machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    writes: WRITES,
  };
  const dir = mkdtempSync(join(tmpdir(), 'sac-bench-live-'));
  const sqlite = openSqliteStore(dir);
  results.sqlite = await measure({ name: 'sqlite', env: { DATA_DIR: dir }, store: sqlite });
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });

  const schema = `bench_live_${Date.now().toString(36)}`;
  const pg = await openPostgresStore(PG, schema);
  try {
    results.postgres = await measure({ name: 'postgres', env: { DATABASE_URL: PG, DATABASE_SCHEMA: schema }, store: pg });
  } finally {
    await pg.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
    await pg.close();
  }
  writeFileSync(resolve(import.meta.dirname, 'results/team-live.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

await main();
