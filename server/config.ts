import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TEAM_STORAGE_MB } from './limits';
import { DEFAULT_LOCK_WAIT_MS } from './store/faults';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA: lower-case letters, digits and _')
    .default('public'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false'),
  TEAM_STORAGE_MB: z.coerce.number().positive().max(1_000_000).default(DEFAULT_TEAM_STORAGE_MB),
  LOCK_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_LOCK_WAIT_MS),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  databaseSchema: string;
  publicUrl: string;
  /** Tombstones and idempotency answers older than this are purged (hourly). */
  retentionDays: number;
  /**
   * Behind a reverse proxy every request comes from the proxy's address, so rate limits would
   * lump all clients together: then the client is the address the proxy appended to
   * X-Forwarded-For. Only set it behind exactly one proxy that appends it.
   */
  trustProxy: boolean;
  /** Bytes of record JSON each team may keep. */
  teamStorageBytes: number;
  /** How long a write waits for a database lock held elsewhere before answering 503. */
  lockWaitMs: number;
}

/** Reads the environment once at start; a bad value stops the server with a message naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Bad server configuration: ${problems}`);
  }
  const { PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_SCHEMA, PUBLIC_URL, RETENTION_DAYS, TRUST_PROXY, TEAM_STORAGE_MB } =
    parsed.data;
  return {
    port: PORT,
    host: HOST,
    dataDir: resolve(DATA_DIR),
    databaseUrl: DATABASE_URL,
    databaseSchema: DATABASE_SCHEMA,
    publicUrl: PUBLIC_URL ?? `http://${HOST}:${PORT}`,
    retentionDays: RETENTION_DAYS,
    trustProxy: TRUST_PROXY === 'true' || TRUST_PROXY === '1',
    teamStorageBytes: Math.round(TEAM_STORAGE_MB * 1024 * 1024),
    lockWaitMs: parsed.data.LOCK_WAIT_MS,
  };
}

/**
 * Who a request comes from, for rate limits: the socket's address, or, behind the one trusted
 * proxy, the address that proxy appended: the rightmost X-Forwarded-For entry. Every entry left
 * of it was written by the client, who could change it on every request to dodge the limits or
 * to spend someone else's.
 */
export function clientAddress(forwardedFor: string | undefined, socketAddress: string | undefined, trustProxy: boolean): string {
  const forwarded = trustProxy ? forwardedFor?.split(',').at(-1)?.trim() : undefined;
  return forwarded || socketAddress || 'unknown';
}
