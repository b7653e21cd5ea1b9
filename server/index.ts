import { serve } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import { createApp } from './app';
import { clientAddress, readConfig } from './config';
import { WS_MESSAGE_LIMIT_BYTES } from './limits';
import { COMMIT_CHANNEL, LiveHub, pagesFrom } from './live';
import { openStore } from './store/open';
import type { openPostgresStore } from './store/postgres';
import { DAY_MS } from './sync/purge';

type SocketEnv = { incoming?: { socket?: { remoteAddress?: string } } } | undefined;

function log(entry: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
}

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}

const store = await openStore(config);
const hub = new LiveHub(pagesFrom(store));
const PURGE_EVERY_MS = 3_600_000;
let onCommit = (teamId: string, version: number, since: number) => void hub.poke(teamId, version, since);

if (store.kind === 'postgres') {
  // Several instances on one database: each push NOTIFYs in its own transaction (the store's
  // commitChannel); every instance, this one included, pokes its own sockets when it hears it.
  const { sql } = store as Awaited<ReturnType<typeof openPostgresStore>>;
  await sql.listen(COMMIT_CHANNEL, (payload) => {
    const { teamId, version, since } = JSON.parse(payload) as { teamId: string; version: number; since?: number };
    void hub.poke(teamId, version, since);
  });
  onCommit = () => {};
}

const root = new Hono();
const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app: root });
// ws reads its options at each upgrade; @hono/node-ws takes none, and ws's own default is 100 MiB a
// message. Larger messages close the socket with 1009.
wss.options.maxPayload = WS_MESSAGE_LIMIT_BYTES;
const app = createApp({
  store,
  log,
  hub,
  publicUrl: config.publicUrl,
  onCommit,
  upgradeWebSocket,
  clientKey: (c) =>
    clientAddress(c.req.header('x-forwarded-for'), (c.env as SocketEnv)?.incoming?.socket?.remoteAddress, config.trustProxy),
});
root.route('/', app);

let inFlight = 0;
const server = serve(
  {
    fetch: (req, env) => {
      inFlight++;
      return Promise.resolve(root.fetch(req, env)).finally(() => inFlight--);
    },
    port: config.port,
    hostname: config.host,
  },
  (info) => {
    log({
      level: 'info',
      msg: 'listening',
      url: `http://${config.host}:${info.port}`,
      store: store.kind,
      publicUrl: config.publicUrl,
    });
  },
);
injectWebSocket(server);

// Several instances may purge at once: each statement only deletes what is past retention, so
// running it twice changes nothing.
async function purgeExpired(): Promise<void> {
  try {
    const report = await store.purge(Date.now() - config.retentionDays * DAY_MS);
    if (report.tombstones + report.answers > 0) log({ level: 'info', msg: 'purged', ...report });
  } catch (error) {
    log({ level: 'error', msg: 'purge failed', error: (error as Error).message });
  }
}
void purgeExpired();
const purgeTimer = setInterval(purgeExpired, PURGE_EVERY_MS);
purgeTimer.unref();

/** SIGTERM: stop accepting, let in-flight pushes finish, close sockets with a reason, then the store. */
function shutdown(signal: string): void {
  log({ level: 'info', msg: 'shutting down', signal, inFlight });
  server.close();
  clearInterval(purgeTimer);
  hub.closeAll('server shutting down');
  const started = Date.now();
  const wait = setInterval(async () => {
    if (inFlight > 0 && Date.now() - started < 10_000) return;
    clearInterval(wait);
    await store.close();
    process.exit(0);
  }, 50);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
