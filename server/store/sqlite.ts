import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from './store';

/**
 * The embedded default store: one file under DATA_DIR. WAL lets readers run beside the writer;
 * synchronous=FULL makes a write that was acknowledged survive a crash of the process or machine.
 */
export function openSqliteStore(dataDir: string, fileName = 'companion.sqlite'): Store & { path: string } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, fileName);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '1')`).run();
  const ping = db.prepare('SELECT value FROM meta WHERE key = ?');
  return {
    kind: 'sqlite',
    path,
    async ping() {
      ping.get('schema_version');
    },
    async close() {
      db.close();
    },
  };
}
