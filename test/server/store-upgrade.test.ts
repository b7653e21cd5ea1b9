import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/store/postgres';
import { openSqliteStore } from '../../server/store/sqlite';
import type { Principal, Store } from '../../server/store/store';
import { TEST_DATABASE_URL } from './stores';

/** Drops what this release added, so the store looks like one the first release made. */
const DOWNGRADE = [
  'DROP INDEX tombstones_by_time',
  'DROP INDEX mutations_by_time',
  'ALTER TABLE records DROP COLUMN changed_at',
  'ALTER TABLE mutations DROP COLUMN at',
  'DROP INDEX devices_by_member',
  'ALTER TABLE devices DROP COLUMN member_id',
  'ALTER TABLE invites DROP COLUMN member_id',
  'DROP TABLE members',
];

/** Releases before the JSON columns kept records and answers as JSONB. */
const POSTGRES_JSONB = [
  'ALTER TABLE records ALTER COLUMN fields TYPE JSONB USING fields::jsonb, ALTER COLUMN field_versions TYPE JSONB USING field_versions::jsonb',
  'ALTER TABLE mutations ALTER COLUMN result TYPE JSONB USING result::jsonb',
  // And wrote every answer with its mutation id, and every field's version, even those equal to the record's.
  "UPDATE mutations SET result = result || jsonb_build_object('mutationId', mutation_id)",
  `UPDATE records SET field_versions = COALESCE((SELECT jsonb_object_agg(k, version) FROM jsonb_object_keys(fields) k), '{}')
    WHERE NOT deleted`,
];

/** Sends the first push of the old release again: its answers must come back unchanged. */
async function replayOld(store: Store, token: string) {
  const principal = (await store.authenticate(token)) as Principal;
  return store.push(principal, {
    clientId: 'old-client',
    mutations: [{ collection: 'shops', baseVersion: 0, op: 'upsert', mutationId: 'old-1', id: 'A', fields: { name: 'Kept' } }],
  });
}

async function writeAndPurge(store: Store, teamId: string, oldToken: string): Promise<void> {
  // A device from before members existed is its own member, named by its label.
  const old = (await store.authenticate(oldToken)) as Principal;
  expect(old.memberId).toBe(old.deviceId);
  expect((await store.audit(teamId, { limit: 10 }))[0]).toMatchObject({ memberId: old.deviceId, memberName: 'old' });
  const principal = (await store.authenticate((await store.createDeviceToken(teamId, 'member', 'late')).token)) as Principal;
  const mutation = {
    mutationId: 'after-upgrade-1',
    collection: 'shops' as const,
    id: 'B',
    baseVersion: 0,
    op: 'upsert' as const,
  };
  await store.push(principal, { clientId: 'upgrade-client', mutations: [{ ...mutation, fields: { name: 'New' } }] });
  const before = (await store.pull(teamId, 0, 10)).changes;
  expect(before.map((c) => [c.id, c.deleted])).toEqual([
    ['A', false],
    ['Z', true],
    ['B', false],
  ]);
  // The tombstone from before the upgrade has changed_at 0: the first purge takes it.
  expect(await store.purge(Date.now() - 1000)).toMatchObject({ tombstones: 1 });
  expect((await store.pull(teamId, 0, 10)).changes.map((c) => c.id)).toEqual(['A', 'B']);
}

async function seedOldData(store: Store): Promise<{ teamId: string; token: string }> {
  const { teamId } = await store.createTeam('Old team');
  const { token } = await store.createDeviceToken(teamId, 'member', 'old');
  const principal = (await store.authenticate(token)) as Principal;
  const base = { collection: 'shops' as const, baseVersion: 0, op: 'upsert' as const };
  await store.push(principal, {
    clientId: 'old-client',
    mutations: [
      { ...base, mutationId: 'old-1', id: 'A', fields: { name: 'Kept' } },
      { ...base, mutationId: 'old-2', id: 'Z', fields: { name: 'Gone' } },
    ],
  });
  await store.push(principal, {
    clientId: 'old-client',
    mutations: [{ ...base, mutationId: 'old-3', id: 'Z', op: 'delete', baseVersion: 2 }],
  });
  return { teamId, token };
}

describe('a store made by the first release opens and gains the new columns', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sac-upgrade-'));
    try {
      const first = openSqliteStore(dir);
      const { teamId, token } = await seedOldData(first);
      await first.close();
      const db = new Database(first.path);
      for (const statement of DOWNGRADE) db.exec(statement);
      db.close();
      const upgraded = openSqliteStore(dir);
      await writeAndPurge(upgraded, teamId, token);
      await upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL', async () => {
    const schema = `upgrade_${Date.now().toString(36)}`;
    const admin = postgres(TEST_DATABASE_URL, { onnotice: () => {}, connection: { search_path: schema } });
    try {
      const first = await openPostgresStore(TEST_DATABASE_URL, schema);
      const { teamId, token } = await seedOldData(first);
      const answerBefore = await replayOld(first, token);
      await first.close();
      for (const statement of [...DOWNGRADE, ...POSTGRES_JSONB]) await admin.unsafe(statement);
      const upgraded = await openPostgresStore(TEST_DATABASE_URL, schema);
      const types = await admin<{ column_name: string; data_type: string }[]>`
        SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = ${schema} AND column_name IN ('fields', 'field_versions', 'result') ORDER BY column_name`;
      expect(types.map((t) => `${t.column_name} ${t.data_type}`)).toEqual(['field_versions json', 'fields json', 'result json']);
      // The answer to a push made before the upgrade is replayed as it was, not applied again.
      expect(await replayOld(upgraded, token)).toEqual(answerBefore);
      expect((await upgraded.pull(teamId, 0, 10)).changes.find((c) => c.id === 'A')?.fields).toEqual({ name: 'Kept' });
      await writeAndPurge(upgraded, teamId, token);
      await upgraded.close();
    } finally {
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
