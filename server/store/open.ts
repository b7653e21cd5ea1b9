import type { ServerConfig } from '../config';
import { COMMIT_CHANNEL } from '../live';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './store';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file under DATA_DIR. */
export async function openStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'databaseSchema' | 'dataDir'> & Partial<ServerConfig>,
): Promise<Store> {
  const options = { teamStorageBytes: config.teamStorageBytes, lockWaitMs: config.lockWaitMs, commitChannel: COMMIT_CHANNEL };
  return config.databaseUrl
    ? openPostgresStore(config.databaseUrl, config.databaseSchema, options)
    : openSqliteStore(config.dataDir, undefined, options);
}
