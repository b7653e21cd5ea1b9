/**
 * The sync server under load, on SQLite and on PostgreSQL, with records of the same shape as the
 * PouchDB peer's (../shared/peers/pouchdb/records.mjs): push rate in 100-mutation batches, initial
 * pull of 10,000 and 100,000 records (time, server peak RSS), and live fan-out to 1,000 WebSocket
 * clients (push acknowledged -> poke received), on one instance and across two on PostgreSQL.
 * Run: npm run bench:sync. The peer runs beside it: cp -r ../shared/peers/pouchdb /tmp/p && cd /tmp/p && npm ci && node bench.mjs
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { openPostgresStore } from '../server/store/postgres';
import { openSqliteStore } from '../server/store/sqlite';
import type { Store } from '../server/store/store';
import { liveClient, type RunningServer, startServer } from '../test/server/server-process';
import { post, pushAll, record } from './push-client';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REPS = Number(process.env.REPS ?? 3);
// ONLY=push (or pull, fanout) and STORES=postgres (or sqlite) narrow a run while tuning one path.
const ONLY = new Set((process.env.ONLY ?? 'push,pull,fanout').split(','));
const STORES = new Set((process.env.STORES ?? 'sqlite,postgres').split(','));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
const pct = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)] ?? Number.NaN;
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Samples the server's RSS every 50 ms; `peak` is the largest seen, in MB. */
function rssSampler(pid: number) {
  let peak = 0;
  const read = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) peak = Math.max(peak, Number(m[1]) / 1024);
  };
  const timer = setInterval(() => {
    try {
      read();
    } catch {}
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return r1(peak);
    },
  };
}

/** CPU time (user + system) of a process so far, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** CPU time of every PostgreSQL process on this machine (backends, WAL writer, checkpointer). */
function postgresCpuMs(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += cpuMs(pid);
    } catch {}
  }
  return sum;
}

/** Where one rep's CPU went, per push of 100: this bench (the client), the server, PostgreSQL. */
function cpuSplit(serverPid: number) {
  const before = { client: process.cpuUsage(), server: cpuMs(serverPid), pg: postgresCpuMs() };
  return (pushes: number) => {
    const client = process.cpuUsage(before.client);
    const per = (ms: number) => r1(ms / pushes);
    return {
      client: per((client.user + client.system) / 1000),
      server: per(cpuMs(serverPid) - before.server),
      postgres: per(postgresCpuMs() - before.pg),
    };
  };
}

interface Target {
  name: string;
  env: Record<string, string>;
  store: Store;
  dispose(): Promise<void>;
}

async function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'sac-bench-'));
  const store = openSqliteStore(dir);
  return {
    name: 'sqlite',
    env: { DATA_DIR: dir },
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pgTarget(): Promise<Target> {
  const schema = `bench_${Date.now().toString(36)}`;
  const store = await openPostgresStore(PG, schema);
  return {
    name: 'postgres',
    env: { DATABASE_URL: PG, DATABASE_SCHEMA: schema },
    store,
    dispose: async () => {
      await store.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
      await store.close();
    },
  };
}

async function token(store: Store): Promise<string> {
  const { teamId } = await store.createTeam(`bench ${randomUUID()}`);
  return (await store.createDeviceToken(teamId, 'member', 'bench')).token;
}

async function pullAll(url: string, auth: string): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  let since = 0;
  let count = 0;
  for (;;) {
    const res = await fetch(`${url}/v1/pull?since=${since}&limit=5000`, { headers: { authorization: `Bearer ${auth}` } });
    const page = (await res.json()) as { changes: unknown[]; next: number; more: boolean };
    count += page.changes.length;
    since = page.next;
    if (!page.more) break;
  }
  return { ms: performance.now() - started, count };
}

async function fanOut(
  pushTo: RunningServer,
  listenOn: RunningServer,
  auth: string,
  clients: number,
  pushes: number,
): Promise<{ p50: number; p99: number }> {
  const sockets: Awaited<ReturnType<typeof liveClient>>[] = [];
  for (let i = 0; i < clients; i += 50) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, clients - i) }, () => liveClient(listenOn.url, auth)))));
  }
  const samples: number[] = [];
  for (let p = 0; p < pushes; p++) {
    const before = sockets.map((s) => s.messages.length);
    await post(`${pushTo.url}/v1/push`, auth, JSON.stringify({ clientId: 'fan-client', mutations: [record(p)] }));
    const acked = performance.now();
    const got = new Array<number>(sockets.length).fill(0);
    await new Promise<void>((done) => {
      const check = setInterval(() => {
        let all = true;
        sockets.forEach((s, i) => {
          if (got[i]) return;
          if (s.messages.slice(before[i]).some((m) => m.type === 'poke')) got[i] = performance.now();
          else all = false;
        });
        if (all) {
          clearInterval(check);
          done();
        }
      }, 1);
    });
    samples.push(...got.map((t) => t - acked));
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const s of sockets) s.ws.close();
  return { p50: r1(pct(samples, 50)), p99: r1(pct(samples, 99)) };
}

async function main() {
  const results: Record<string, unknown> = {
    machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    reps: REPS,
  };
  for (const [name, make] of [
    ['sqlite', sqliteTarget],
    ['postgres', pgTarget],
  ] as const) {
    if (!STORES.has(name)) continue;
    const target = await make();
    const server = await startServer(target.env, 'bundle');
    const pid = server.child.pid as number;
    const out: Record<string, unknown> = {};
    // Push: 10,000 records in 100-mutation batches.
    const pushRates: number[] = [];
    const pushRss: number[] = [];
    for (let r = 0; r < REPS && ONLY.has('push'); r++) {
      const auth = await token(target.store);
      const rss = rssSampler(pid);
      const cpu = cpuSplit(pid);
      const ms = await pushAll(server.url, auth, 10_000, 100);
      const cpuPerPush = cpu(100);
      pushRss.push(rss.stop());
      pushRates.push(10_000 / (ms / 1000));
      if (process.env.VERBOSE)
        console.log(target.name, 'push rep', Math.round(10_000 / (ms / 1000)), 'CPU ms per push', cpuPerPush);
    }
    out.push10kRecordsPerSecond = Math.round(median(pushRates));
    out.pushServerPeakRssMb = median(pushRss);
    // Initial pulls.
    for (const n of ONLY.has('pull') ? [10_000, 100_000] : []) {
      const auth = await token(target.store);
      await pushAll(server.url, auth, n, 1000);
      const times: number[] = [];
      const rssPeaks: number[] = [];
      for (let r = 0; r < REPS; r++) {
        const rss = rssSampler(pid);
        const { ms, count } = await pullAll(server.url, auth);
        rssPeaks.push(rss.stop());
        if (count !== n) throw new Error(`pulled ${count} of ${n}`);
        times.push(ms);
      }
      out[`pull${n / 1000}kSeconds`] = Math.round(median(times)) / 1000;
      out[`pull${n / 1000}kRecordsPerSecond`] = Math.round(n / (median(times) / 1000));
      out[`pull${n / 1000}kServerPeakRssMb`] = median(rssPeaks);
    }
    // Live fan-out to 1,000 sockets on one instance.
    const auth = await token(target.store);
    if (!ONLY.has('fanout')) {
      await server.stop('SIGTERM');
      await target.dispose();
      results[target.name] = out;
      console.log(target.name, JSON.stringify(out));
      continue;
    }
    const rss = rssSampler(pid);
    out.fanOut1000OneInstanceMs = await fanOut(server, server, auth, 1000, 20);
    out.fanOutServerPeakRssMb = rss.stop();
    if (target.name === 'postgres') {
      const second = await startServer(target.env, 'bundle');
      out.fanOut1000AcrossTwoInstancesMs = await fanOut(server, second, auth, 1000, 20);
      await second.stop('SIGTERM');
    }
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    out.serverPeakRssMbWholeRun = hwm ? r1(Number(hwm[1]) / 1024) : null;
    await server.stop('SIGTERM');
    await target.dispose();
    results[target.name] = out;
    console.log(target.name, JSON.stringify(out));
  }
  if (ONLY.size === 3 && STORES.size === 2)
    writeFileSync(resolve(import.meta.dirname, 'results/sync.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

await main();
