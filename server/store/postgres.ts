import postgres from 'postgres';
import type { Collection, MutationResult, PullResponse } from '../../shared/sync-protocol';
import { mergeMutation, publicRecord, type StoredRecord } from '../sync/merge';
import { schemaSql } from './schema';
import type { Role, Store } from './store';
import { hashToken, newId, newToken } from './tokens';

interface RecordRow {
  collection: string;
  id: string;
  version: string | number;
  deleted: boolean;
  fields: Record<string, unknown>;
  field_versions: Record<string, number>;
}

function toStored(row: RecordRow): StoredRecord {
  return {
    collection: row.collection as Collection,
    id: row.id,
    version: Number(row.version),
    deleted: row.deleted,
    fields: row.fields,
    fieldVersions: row.field_versions,
  };
}

/**
 * PostgreSQL, for many teams and several server instances on one database. Each push locks its
 * team's row while it takes a block of sequence numbers, so pushes to one team commit in sequence
 * order and a puller never skips a change that commits later with a smaller number.
 * `schema` lets the conformance tests run isolated side by side in one database.
 */
export async function openPostgresStore(url: string, schema = 'public'): Promise<Store & { sql: postgres.Sql }> {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { search_path: schema },
    types: { bigint: postgres.BigInt },
  });
  if (schema !== 'public') await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
  await sql.unsafe(schemaSql('postgres'));

  return {
    kind: 'postgres',
    sql,
    async ping() {
      await sql`SELECT 1`;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
    async createTeam(name) {
      const teamId = newId();
      await sql`INSERT INTO teams (id, name, created_at) VALUES (${teamId}, ${name}, ${Date.now()})`;
      return { teamId };
    },
    async createDeviceToken(teamId: string, role: Role, label: string) {
      const token = newToken();
      const deviceId = newId();
      await sql`INSERT INTO devices (id, team_id, role, label, token_hash, created_at)
        VALUES (${deviceId}, ${teamId}, ${role}, ${label}, ${hashToken(token)}, ${Date.now()})`;
      return { token, deviceId };
    },
    async authenticate(token) {
      const [row] = await sql<{ id: string; team_id: string; role: Role }[]>`
        UPDATE devices SET last_seen_at = ${Date.now()}
        WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL RETURNING id, team_id, role`;
      return row ? { teamId: row.team_id, deviceId: row.id, role: row.role } : null;
    },
    async revokeDevice(teamId, deviceId) {
      const rows = await sql`UPDATE devices SET revoked_at = ${Date.now()}
        WHERE id = ${deviceId} AND team_id = ${teamId} AND revoked_at IS NULL RETURNING id`;
      return rows.length === 1;
    },
    async listDevices(teamId) {
      const rows = await sql<
        { id: string; role: Role; label: string; created_at: bigint; last_seen_at: bigint | null; revoked_at: bigint | null }[]
      >`
        SELECT id, role, label, created_at, last_seen_at, revoked_at FROM devices WHERE team_id = ${teamId} ORDER BY created_at`;
      const n = (v: bigint | null) => (v === null ? null : Number(v));
      return rows.map((r) => ({
        deviceId: r.id,
        role: r.role,
        label: r.label,
        createdAt: Number(r.created_at),
        lastSeenAt: n(r.last_seen_at),
        revokedAt: n(r.revoked_at),
      }));
    },
    async createInvite(teamId, role, { maxUses, expiresAt }) {
      const code = newToken('inv');
      await sql`INSERT INTO invites (code_hash, team_id, role, max_uses, expires_at)
        VALUES (${hashToken(code)}, ${teamId}, ${role}, ${maxUses}, ${expiresAt})`;
      return { code };
    },
    async redeemInvite(code, label) {
      return sql.begin(async (tx) => {
        const [invite] = await tx<{ team_id: string; role: Role }[]>`
          UPDATE invites SET uses = uses + 1 WHERE code_hash = ${hashToken(code)} AND revoked_at IS NULL
          AND expires_at > ${Date.now()} AND (max_uses IS NULL OR uses < max_uses) RETURNING team_id, role`;
        if (!invite) return null;
        const token = newToken();
        const deviceId = newId();
        await tx`INSERT INTO devices (id, team_id, role, label, token_hash, created_at)
          VALUES (${deviceId}, ${invite.team_id}, ${invite.role}, ${label}, ${hashToken(token)}, ${Date.now()})`;
        return { token, teamId: invite.team_id, role: invite.role, deviceId };
      }) as Promise<{ token: string; teamId: string; role: Role; deviceId: string } | null>;
    },
    async audit(teamId, filter) {
      const rows = await sql<
        { version: bigint; device_id: string; collection: string; record_id: string; op: string; status: string; at: bigint }[]
      >`
        SELECT version, device_id, collection, record_id, op, status, at FROM audit
        WHERE team_id = ${teamId} AND version > ${filter.since ?? 0}
        ${filter.collection ? sql`AND collection = ${filter.collection}` : sql``}
        ${filter.deviceId ? sql`AND device_id = ${filter.deviceId}` : sql``}
        ORDER BY version LIMIT ${filter.limit}`;
      return rows.map((r) => ({
        version: Number(r.version),
        deviceId: r.device_id,
        collection: r.collection,
        recordId: r.record_id,
        op: r.op,
        status: r.status,
        at: Number(r.at),
      }));
    },
    async rotateCalendarSecret(teamId) {
      const secret = newToken('cal');
      await sql`INSERT INTO calendars (team_id, secret_hash) VALUES (${teamId}, ${hashToken(secret)})
        ON CONFLICT (team_id) DO UPDATE SET secret_hash = excluded.secret_hash`;
      return { secret };
    },
    async revokeCalendarSecret(teamId) {
      await sql`DELETE FROM calendars WHERE team_id = ${teamId}`;
    },
    async teamOfCalendarSecret(secret) {
      const [row] = await sql<{ team_id: string }[]>`SELECT team_id FROM calendars WHERE secret_hash = ${hashToken(secret)}`;
      return row?.team_id ?? null;
    },
    async records(teamId, collection) {
      const rows = await sql<RecordRow[]>`SELECT collection, id, version, deleted, fields, field_versions FROM records
        WHERE team_id = ${teamId} AND collection = ${collection} AND NOT deleted ORDER BY version`;
      return rows.map((r) => publicRecord(toStored(r)));
    },
    async push(principal, request) {
      const { teamId, deviceId } = principal;
      const { clientId, mutations } = request;
      // A handful of statements per push, not per mutation: read what the push touches, merge in
      // memory in order, then write records, audit and answers with one statement each.
      return sql.begin(async (tx) => {
        const [team] = await tx<{ seq: bigint }[]>`
          UPDATE teams SET seq = seq + ${mutations.length} WHERE id = ${teamId} RETURNING seq`;
        if (!team) throw new Error(`no team ${teamId}`);
        const replays = new Map<string, MutationResult>();
        for (const row of await tx<{ mutation_id: string; result: MutationResult }[]>`
          SELECT mutation_id, result FROM mutations
          WHERE team_id = ${teamId} AND client_id = ${clientId} AND mutation_id = ANY(${tx.array(mutations.map((m) => m.mutationId))}::text[])`) {
          replays.set(row.mutation_id, row.result);
        }
        const key = (collection: string, id: string) => `${collection}\u0000${id}`;
        const current = new Map<string, StoredRecord>();
        for (const row of await tx<RecordRow[]>`
          SELECT r.collection, r.id, r.version, r.deleted, r.fields, r.field_versions FROM records r
          JOIN unnest(${tx.array(mutations.map((m) => m.collection))}::text[], ${tx.array(mutations.map((m) => m.id))}::text[]) AS k(collection, id)
            ON r.collection = k.collection AND r.id = k.id
          WHERE r.team_id = ${teamId}`) {
          current.set(key(row.collection, row.id), toStored(row));
        }
        let seq = Number(team.seq) - mutations.length;
        const now = Date.now();
        const results: MutationResult[] = [];
        const writes = new Map<string, StoredRecord>();
        const audit: { version: number; collection: string; id: string; op: string; status: string }[] = [];
        const answered: { mutationId: string; result: MutationResult }[] = [];
        for (const m of mutations) {
          seq++;
          const replay = replays.get(m.mutationId);
          if (replay) {
            results.push(replay);
            continue;
          }
          const k = key(m.collection, m.id);
          const { write, result } = mergeMutation(current.get(k) ?? null, m, seq);
          if (write) {
            current.set(k, write);
            writes.set(k, write);
            audit.push({ version: write.version, collection: m.collection, id: m.id, op: m.op, status: result.status });
          }
          replays.set(m.mutationId, result);
          answered.push({ mutationId: m.mutationId, result });
          results.push(result);
        }
        const w = [...writes.values()];
        if (w.length > 0) {
          await tx`INSERT INTO records (team_id, collection, id, version, deleted, fields, field_versions)
            SELECT ${teamId}, * FROM unnest(${tx.array(w.map((r) => r.collection))}::text[], ${tx.array(w.map((r) => r.id))}::text[],
              ${tx.array(w.map((r) => r.version).map(String))}::text[]::bigint[], ${tx.array(w.map((r) => r.deleted).map(String))}::text[]::bool[],
              ${tx.array(w.map((r) => JSON.stringify(r.fields)))}::text[]::jsonb[], ${tx.array(w.map((r) => JSON.stringify(r.fieldVersions)))}::text[]::jsonb[])
            ON CONFLICT (team_id, collection, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
              fields = excluded.fields, field_versions = excluded.field_versions`;
          await tx`INSERT INTO audit (team_id, version, device_id, collection, record_id, op, status, at)
            SELECT ${teamId}, v, ${deviceId}, c, i, o, s, ${now} FROM unnest(${tx.array(audit.map((a) => a.version).map(String))}::text[]::bigint[],
              ${tx.array(audit.map((a) => a.collection))}::text[], ${tx.array(audit.map((a) => a.id))}::text[], ${tx.array(audit.map((a) => a.op))}::text[],
              ${tx.array(audit.map((a) => a.status))}::text[]) AS t(v, c, i, o, s)`;
        }
        if (answered.length > 0) {
          await tx`INSERT INTO mutations (team_id, client_id, mutation_id, result)
            SELECT ${teamId}, ${clientId}, * FROM unnest(${tx.array(answered.map((a) => a.mutationId))}::text[],
              ${tx.array(answered.map((a) => JSON.stringify(a.result)))}::text[]::jsonb[])`;
        }
        return results;
      }) as Promise<MutationResult[]>;
    },
    async pull(teamId, since, limit): Promise<PullResponse> {
      const [team] = await sql<{ purged_through: bigint }[]>`SELECT purged_through FROM teams WHERE id = ${teamId}`;
      if (!team) throw new Error(`no team ${teamId}`);
      const mustRefetch = since > 0 && since < Number(team.purged_through);
      const rows = await sql<RecordRow[]>`
        SELECT collection, id, version, deleted, fields, field_versions FROM records
        WHERE team_id = ${teamId} AND version > ${mustRefetch ? 0 : since} ORDER BY version LIMIT ${limit + 1}`;
      const more = rows.length > limit;
      const changes = rows.slice(0, limit).map((r) => publicRecord(toStored(r)));
      return { changes, next: changes.at(-1)?.version ?? (mustRefetch ? 0 : since), more, mustRefetch };
    },
  };
}
