import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store, StoreOptions } from '../../server/store/store';

/** The PostgreSQL this machine runs (trust auth, database test); CI starts it if it is down. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreUnderTest {
  store: Store;
  dispose(): Promise<void>;
}

/** Both real stores: a SQLite file in a fresh folder, and a fresh schema in the real PostgreSQL. */
export const STORES: Array<[string, (options?: StoreOptions) => Promise<StoreUnderTest>]> = [
  [
    'sqlite',
    async (options) => {
      const dir = mkdtempSync(join(tmpdir(), 'sac-store-'));
      const store = openSqliteStore(dir, undefined, options);
      return {
        store,
        async dispose() {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'postgres',
    async (options) => {
      const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const store = await openPostgresStore(TEST_DATABASE_URL, schema, options);
      return {
        store,
        async dispose() {
          await store.sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`);
          await store.close();
        },
      };
    },
  ],
];

/**
 * Writes a record as a store made before record sizes were kept could hold it: straight into the
 * table, with no size kept and whatever fields, as if pushed before today's limits.
 */
export async function putLegacyRecord(
  store: Store,
  teamId: string,
  record: { collection: string; id: string; version: number; fields: unknown },
): Promise<void> {
  const fields = JSON.stringify(record.fields);
  if (store.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database((store as Store & { path: string }).path);
    db.prepare(
      `INSERT INTO records (team_id, collection, id, version, deleted, fields, field_versions, changed_at)
       VALUES (?, ?, ?, ?, 0, ?, '{}', 0)`,
    ).run(teamId, record.collection, record.id, record.version, fields);
    db.prepare('UPDATE teams SET seq = max(seq, ?) WHERE id = ?').run(record.version, teamId);
    db.close();
    return;
  }
  const { sql } = store as Store & { sql: import('postgres').Sql };
  await sql`INSERT INTO records (team_id, collection, id, version, deleted, fields, field_versions, changed_at)
    VALUES (${teamId}, ${record.collection}, ${record.id}, ${record.version}, false, ${fields}::json, '{}', 0)`;
  await sql`UPDATE teams SET seq = GREATEST(seq, ${record.version}) WHERE id = ${teamId}`;
}
