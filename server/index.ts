import { serve } from '@hono/node-server';
import { createApp } from './app';
import { readConfig } from './config';
import { openSqliteStore } from './store/sqlite';

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

if (config.databaseUrl) {
  // The PostgreSQL store arrives with the sync protocol (issue 5); refuse rather than silently use SQLite.
  process.stderr.write('DATABASE_URL is set, but this build serves only the embedded SQLite store. Unset it to use SQLite.\n');
  process.exit(2);
}

const store = openSqliteStore(config.dataDir);
const app = createApp({ store, log });
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  log({ level: 'info', msg: 'listening', url: `http://${config.host}:${info.port}`, store: store.kind, path: store.path });
});

function shutdown(signal: string): void {
  log({ level: 'info', msg: 'shutting down', signal });
  server.close(async () => {
    await store.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
