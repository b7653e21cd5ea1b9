/**
 * Two builds of the server, or one build with two sets of Node flags, pushed to in turn on one
 * PostgreSQL schema: 10,000 records to A, then to B, then B first, and so on. This machine's speed
 * drifts by a third within minutes, so runs one after another cannot tell a 5% change; rounds taken
 * in turn can (the ratio of each round's pair). Used while tuning; not part of `npm test`.
 *
 *   npm run -s build:server && cp .output/server/index.mjs .output/a.mjs   # before a change
 *   npm run -s build:server                                                # after it
 *   A_BUNDLE=.output/a.mjs ROUNDS=10 npx tsx bench/server-ab.ts
 *   B_ARGS="--single-threaded-gc" ROUNDS=10 npx tsx bench/server-ab.ts   # flags instead
 */
import { randomUUID } from 'node:crypto';
import { openPostgresStore } from '../server/store/postgres';
import { type RunningServer, startServer } from '../test/server/server-process';
import { pushAll } from './push-client';

const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const bundle = (path: string | undefined) => (path ?? '.output/server/index.mjs') as `${string}.mjs`;

async function start(env: Record<string, string>, path: string | undefined, args: string | undefined) {
  // startServer reads the extra flags from here as it starts a process.
  process.env.SERVER_NODE_ARGS = args ?? '';
  return startServer(env, bundle(path));
}

async function main() {
  const schema = `ab_${Date.now().toString(36)}`;
  const store = await openPostgresStore(PG, schema);
  const env = { DATABASE_URL: PG, DATABASE_SCHEMA: schema };
  const servers: Record<'A' | 'B', RunningServer> = {
    A: await start(env, process.env.A_BUNDLE, process.env.A_ARGS),
    B: await start(env, process.env.B_BUNDLE, process.env.B_ARGS),
  };
  const rates: Record<'A' | 'B', number[]> = { A: [], B: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const side of round % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const { teamId } = await store.createTeam(`ab ${randomUUID()}`);
        const { token } = await store.createDeviceToken(teamId, 'member', 'ab');
        rates[side].push(10_000 / ((await pushAll(servers[side].url, token, 10_000, 100)) / 1000));
      }
    }
  } finally {
    await servers.A.stop('SIGTERM');
    await servers.B.stop('SIGTERM');
    await store.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
    await store.close();
  }
  const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)] ?? Number.NaN;
  const ratios = rates.A.map((a, i) => (rates.B[i] ?? Number.NaN) / a);
  console.log('A records/s', Math.round(median(rates.A)), rates.A.map(Math.round).join(' '));
  console.log('B records/s', Math.round(median(rates.B)), rates.B.map(Math.round).join(' '));
  console.log('B/A per round: median', median(ratios).toFixed(3), 'all', ratios.map((r) => r.toFixed(2)).join(' '));
}

await main();
