import type { ServerConfig } from '../config';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file under DATA_DIR. */
export async function openStore(config: Pick<ServerConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl, config.databaseSchema) : openSqliteStore(config.dataDir);
}
