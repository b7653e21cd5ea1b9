import { resolve } from 'node:path';
import { z } from 'zod';

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
}

/** Reads the environment once at start; a bad value stops the server with a message naming it. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Bad server configuration: ${problems}`);
  }
  const { PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_SCHEMA, PUBLIC_URL, RETENTION_DAYS } = parsed.data;
  return {
    port: PORT,
    host: HOST,
    dataDir: resolve(DATA_DIR),
    databaseUrl: DATABASE_URL,
    databaseSchema: DATABASE_SCHEMA,
    publicUrl: PUBLIC_URL ?? `http://${HOST}:${PORT}`,
    retentionDays: RETENTION_DAYS,
  };
}
