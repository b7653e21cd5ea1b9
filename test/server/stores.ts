import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';

/** The PostgreSQL this machine runs (trust auth, database test); CI starts it if it is down. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreUnderTest {
  store: Store;
  dispose(): Promise<void>;
}

/** Both real stores: a SQLite file in a fresh folder, and a fresh schema in the real PostgreSQL. */
export const STORES: Array<[string, () => Promise<StoreUnderTest>]> = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sac-store-'));
      const store = openSqliteStore(dir);
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
    async () => {
      const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      const store = await openPostgresStore(TEST_DATABASE_URL, schema);
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
