import postgres from 'postgres';
import { mustRefetchAfter, type PullResponse } from '../../shared/sync-protocol';
import { DEFAULT_TEAM_STORAGE_MB, PULL_PAGE_LIMIT_BYTES } from '../limits';
import { publicRecord } from '../sync/merge';
import { pullPageJson } from '../sync/pull-page';
import { type PurgeReport, purgedThroughByTeam } from '../sync/purge';
import { DEFAULT_LOCK_WAIT_MS } from './faults';
import { isStale } from './last-seen';
import { pushRecords, type RecordRow, toStored } from './postgres-push';
import {
  AUDIT_SELECT,
  type AuditRow,
  DEVICE_COLUMNS,
  type DeviceRow,
  INVITE_COLUMNS,
  type InviteRow,
  type MemberRow,
  toAuditEntry,
  toDeviceInfo,
  toInviteInfo,
  toMemberInfo,
} from './rows';
import { ADDED_COLUMNS, addedColumnSql, backfillSizesSql, indexesSql, jsonColumnsSql, tablesSql } from './schema';
import type { Redeemed, Role, Store, StoreOptions } from './store';
import { hashToken, newId, newToken } from './tokens';

/**
 * PostgreSQL, for many teams and several server instances on one database. Each push locks its
 * team's row while it takes a block of sequence numbers, so pushes to one team commit in sequence
 * order and a puller never skips a change that commits later with a smaller number.
 * `schema` lets the conformance tests run isolated side by side in one database.
 */
export async function openPostgresStore(
  url: string,
  schema = 'public',
  {
    teamStorageBytes = DEFAULT_TEAM_STORAGE_MB * 1024 * 1024,
    lockWaitMs = DEFAULT_LOCK_WAIT_MS,
    commitChannel,
  }: StoreOptions = {},
): Promise<Store & { sql: postgres.Sql }> {
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    // A lock held elsewhere fails the statement after lockWaitMs (answered 503) instead of holding
    // a pooled connection, and every request queued behind it, for as long as the lock lasts.
    connection: { search_path: schema, lock_timeout: lockWaitMs },
    types: { bigint: postgres.BigInt },
  });
  if (schema !== 'public') await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '')}"`);
  // Instances starting together on one database would race on CREATE TABLE; one at a time.
  await sql.begin(async (tx) => {
    // Converting an older store rewrites its tables: neither that nor waiting for it may time out.
    await tx`SET LOCAL lock_timeout = 0`;
    await tx`SELECT pg_advisory_xact_lock(hashtext('sac_schema'))`;
    await tx.unsafe(tablesSql('postgres'));
    for (const added of ADDED_COLUMNS) await tx.unsafe(addedColumnSql('postgres', added));
    await tx.unsafe(jsonColumnsSql());
    await tx.unsafe(indexesSql());
    await tx.unsafe(backfillSizesSql('postgres'));
  });

  /**
   * The last version of a page of at most `limit` rows and PULL_PAGE_LIMIT_BYTES of fields (the row
   * that crosses the cap is kept), from the kept sizes alone, so no large record is read to find it.
   */
  const pageCut = (head: postgres.PendingQuery<postgres.Row[]>, limit: number) => sql`
    head AS (${head}),
    page AS (SELECT version, size, row_number() OVER w AS n, SUM(size) OVER w AS upto FROM head
      WINDOW w AS (ORDER BY version ROWS UNBOUNDED PRECEDING)),
    cut AS (SELECT MAX(version) FILTER (WHERE n <= ${limit} AND upto - size < ${PULL_PAGE_LIMIT_BYTES}) AS through,
      MAX(version) AS last FROM page)`;

  async function newMember(tx: postgres.TransactionSql<{ bigint: bigint }>, teamId: string, name: string): Promise<string> {
    const memberId = newId();
    await tx`INSERT INTO members (id, team_id, name, created_at) VALUES (${memberId}, ${teamId}, ${name}, ${Date.now()})`;
    return memberId;
  }

  async function newDevice(
    tx: postgres.TransactionSql<{ bigint: bigint }>,
    teamId: string,
    role: Role,
    label: string,
    memberId: string,
  ) {
    const token = newToken();
    const deviceId = newId();
    await tx`INSERT INTO devices (id, team_id, role, label, token_hash, created_at, member_id)
      VALUES (${deviceId}, ${teamId}, ${role}, ${label}, ${hashToken(token)}, ${Date.now()}, ${memberId})`;
    return { token, deviceId };
  }

  async function pullJson(teamId: string, since: number, limit: number, knownPurge = 0): Promise<string> {
    const [team] = await sql<{ purged_through: bigint }[]>`SELECT purged_through FROM teams WHERE id = ${teamId}`;
    if (!team) throw new Error(`no team ${teamId}`);
    const mustRefetch = mustRefetchAfter(since, knownPurge, Number(team.purged_through));
    const after = mustRefetch ? 0 : since;
    const head = sql`SELECT version, COALESCE(size, octet_length(fields::text)) AS size FROM records
      WHERE team_id = ${teamId} AND version > ${after} ORDER BY version LIMIT ${limit + 1}`;
    // fields::text: the page is written from the stored JSON text, never parsed here.
    const rows = await sql<
      { collection: string; id: string; version: bigint; deleted: boolean; fields_json: string; more: boolean }[]
    >`
      WITH ${pageCut(head, limit)}
      SELECT r.collection, r.id, r.version, r.deleted, r.fields::text AS fields_json, cut.last > cut.through AS more
      FROM cut JOIN records r ON r.team_id = ${teamId} AND r.version > ${after} AND r.version <= cut.through
      ORDER BY r.version`;
    return pullPageJson(
      rows.map((r) => ({
        collection: r.collection,
        id: r.id,
        version: Number(r.version),
        deleted: r.deleted,
        fieldsJson: r.fields_json,
      })),
      limit,
      since,
      mustRefetch,
      rows[0]?.more ?? false,
      Number(team.purged_through),
    );
  }

  return {
    kind: 'postgres',
    sql,
    async ping() {
      // Ready means writable: a standby, or a database set read-only, answers reads only.
      const [row] = await sql<{ writable: boolean }[]>`
        SELECT NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable`;
      if (!row?.writable) throw new Error('the database is read-only');
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
    async createTeam(name) {
      const teamId = newId();
      await sql`INSERT INTO teams (id, name, created_at, stored_bytes) VALUES (${teamId}, ${name}, ${Date.now()}, 0)`;
      return { teamId };
    },
    async createDeviceToken(teamId: string, role: Role, label: string, memberId?: string) {
      return sql.begin(async (tx) => {
        if (memberId) {
          const [member] = await tx`SELECT id FROM members WHERE id = ${memberId} AND team_id = ${teamId} AND removed_at IS NULL`;
          if (!member) throw new Error(`no member ${memberId} in team ${teamId}`);
        }
        const member = memberId ?? (await newMember(tx, teamId, label));
        return { ...(await newDevice(tx, teamId, role, label, member)), memberId: member };
      }) as Promise<{ token: string; deviceId: string; memberId: string }>;
    },
    async authenticate(token) {
      const [row] = await sql<
        { id: string; team_id: string; role: Role; last_seen_at: bigint | null; member_id: string | null }[]
      >`
        SELECT id, team_id, role, last_seen_at, member_id FROM devices
        WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL`;
      if (!row) return null;
      const now = Date.now();
      if (isStale(row.last_seen_at === null ? null : Number(row.last_seen_at), now)) {
        // Best effort: a device row another transaction holds is skipped, never waited for.
        await sql`UPDATE devices SET last_seen_at = ${now}
          WHERE id = (SELECT id FROM devices WHERE id = ${row.id} FOR UPDATE SKIP LOCKED)`.catch(() => {});
      }
      return { teamId: row.team_id, deviceId: row.id, memberId: row.member_id ?? row.id, role: row.role };
    },
    async revokeDevice(teamId, deviceId) {
      return sql.begin(async (tx) => {
        const now = Date.now();
        const rows = await tx`UPDATE devices SET revoked_at = ${now}
          WHERE id = ${deviceId} AND team_id = ${teamId} AND revoked_at IS NULL RETURNING id`;
        if (rows.length !== 1) return false;
        await tx`UPDATE invites SET revoked_at = ${now} WHERE created_by = ${deviceId} AND revoked_at IS NULL`;
        return true;
      }) as Promise<boolean>;
    },
    async listDevices(teamId) {
      const rows = await sql<DeviceRow[]>`
        SELECT ${sql.unsafe(DEVICE_COLUMNS)} FROM devices WHERE team_id = ${teamId} ORDER BY created_at`;
      return rows.map(toDeviceInfo);
    },
    async createInvite(teamId, role, { maxUses, expiresAt, memberId, createdBy }) {
      const code = newToken('inv');
      const inviteId = hashToken(code);
      await sql`INSERT INTO invites (code_hash, team_id, role, max_uses, expires_at, member_id, created_by)
        VALUES (${inviteId}, ${teamId}, ${role}, ${maxUses}, ${expiresAt}, ${memberId ?? null}, ${createdBy ?? null})`;
      return { code, inviteId };
    },
    async listInvites(teamId) {
      const rows = await sql<InviteRow[]>`
        SELECT ${sql.unsafe(INVITE_COLUMNS)} FROM invites WHERE team_id = ${teamId} ORDER BY expires_at`;
      return rows.map(toInviteInfo);
    },
    async revokeInvite(teamId, inviteId) {
      const rows = await sql`UPDATE invites SET revoked_at = ${Date.now()}
        WHERE code_hash = ${inviteId} AND team_id = ${teamId} AND revoked_at IS NULL RETURNING code_hash`;
      return rows.length === 1;
    },
    async redeemInvite(code, label, name) {
      return sql.begin(async (tx) => {
        const [invite] = await tx<{ team_id: string; role: Role; member_id: string | null }[]>`
          UPDATE invites SET uses = uses + 1 WHERE code_hash = ${hashToken(code)} AND revoked_at IS NULL
          AND expires_at > ${Date.now()} AND (max_uses IS NULL OR uses < max_uses)
          AND (created_by IS NULL OR created_by IN (SELECT id FROM devices WHERE revoked_at IS NULL))
          RETURNING team_id, role, member_id`;
        if (!invite) return null;
        if (invite.member_id) {
          const [member] = await tx`SELECT id FROM members WHERE id = ${invite.member_id} AND removed_at IS NULL`;
          if (!member) return null;
        }
        const memberId = invite.member_id ?? (await newMember(tx, invite.team_id, name ?? label));
        const { token, deviceId } = await newDevice(tx, invite.team_id, invite.role, label, memberId);
        const [team] = await tx<{ name: string }[]>`SELECT name FROM teams WHERE id = ${invite.team_id}`;
        return { token, teamId: invite.team_id, teamName: team?.name ?? '', role: invite.role, deviceId, memberId };
      }) as Promise<Redeemed | null>;
    },
    async listMembers(teamId) {
      const rows = await sql<MemberRow[]>`
        SELECT id, name, created_at, removed_at FROM members WHERE team_id = ${teamId} ORDER BY created_at`;
      return rows.map(toMemberInfo);
    },
    async removeMember(teamId, memberId) {
      return sql.begin(async (tx) => {
        const now = Date.now();
        const removed = await tx`UPDATE members SET removed_at = ${now}
          WHERE id = ${memberId} AND team_id = ${teamId} AND removed_at IS NULL RETURNING id`;
        if (removed.length !== 1) return null;
        const revoked = await tx<{ id: string }[]>`UPDATE devices SET revoked_at = ${now}
          WHERE member_id = ${memberId} AND team_id = ${teamId} AND revoked_at IS NULL RETURNING id`;
        await tx`UPDATE invites SET revoked_at = ${now} WHERE revoked_at IS NULL
          AND (member_id = ${memberId} OR created_by IN (SELECT id FROM devices WHERE member_id = ${memberId}))`;
        return { revokedDevices: revoked.map((r) => r.id) };
      }) as Promise<{ revokedDevices: string[] } | null>;
    },
    async audit(teamId, filter) {
      const rows = await sql<AuditRow[]>`
        ${sql.unsafe(AUDIT_SELECT)} WHERE a.team_id = ${teamId} AND a.version > ${filter.since ?? 0}
        ${filter.collection ? sql`AND a.collection = ${filter.collection}` : sql``}
        ${filter.deviceId ? sql`AND a.device_id = ${filter.deviceId}` : sql``}
        ${filter.before === undefined ? sql`ORDER BY a.version` : sql`AND a.version < ${filter.before} ORDER BY a.version DESC`}
        LIMIT ${filter.limit}`;
      return rows.map(toAuditEntry);
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
    async records(teamId, collection, after = 0, limit = 1000) {
      const live = sql`team_id = ${teamId} AND collection = ${collection} AND NOT deleted AND version > ${after}`;
      const head = sql`SELECT version, COALESCE(size, octet_length(fields::text)) AS size FROM records WHERE ${live} ORDER BY version LIMIT ${limit + 1}`;
      const rows = await sql<RecordRow[]>`
        WITH ${pageCut(head, limit)}
        SELECT collection, id, version, deleted, fields, field_versions FROM cut JOIN records ON ${live}
          AND version <= cut.through ORDER BY version`;
      return rows.map((r) => publicRecord(toStored(r)));
    },
    async storedBytes(teamId) {
      const [row] = await sql<{ stored_bytes: bigint | null }[]>`SELECT stored_bytes FROM teams WHERE id = ${teamId}`;
      return Number(row?.stored_bytes ?? 0);
    },
    push: (principal, request) => pushRecords(sql, { teamStorageBytes, commitChannel }, principal, request),
    pullJson,
    async claimQuota(teamId, orgId, day, count, limit, shopCodes, madeByHand = true) {
      return sql.begin(async (tx) => {
        await tx`INSERT INTO quota_claims (team_id, org_id, day) VALUES (${teamId}, ${orgId}, ${day}) ON CONFLICT DO NOTHING`;
        // The row lock makes members' claims for one Business Center and day take turns.
        const [row] = await tx<{ claimed: number }[]>`
          SELECT claimed FROM quota_claims WHERE team_id = ${teamId} AND org_id = ${orgId} AND day = ${day} FOR UPDATE`;
        const room = Math.max(0, limit - (row?.claimed ?? 0));
        let fresh = count;
        if (shopCodes && !madeByHand) {
          await tx`INSERT INTO quota_claim_codes (team_id, org_id, day, shop_code)
            SELECT ${teamId}, ${orgId}, ${day}, code FROM unnest(${tx.array(shopCodes.slice(0, room))}::text[]) AS c(code)
            ON CONFLICT DO NOTHING`;
        } else if (shopCodes) {
          const added = await tx<{ shop_code: string }[]>`INSERT INTO quota_claim_codes (team_id, org_id, day, shop_code)
            SELECT ${teamId}, ${orgId}, ${day}, code FROM unnest(${tx.array([...shopCodes])}::text[]) AS c(code)
            ON CONFLICT DO NOTHING RETURNING shop_code`;
          // Only the codes granted are kept: one past the limit may be claimed again once room is given back.
          const surplus = added.slice(room).map((r) => r.shop_code);
          if (surplus.length > 0) {
            await tx`DELETE FROM quota_claim_codes WHERE team_id = ${teamId} AND org_id = ${orgId} AND day = ${day}
              AND shop_code = ANY(${tx.array(surplus)}::text[])`;
          }
          fresh = added.length;
        }
        const granted = Math.min(fresh, room);
        const [after] = await tx<{ claimed: number }[]>`UPDATE quota_claims SET claimed = claimed + ${granted}
          WHERE team_id = ${teamId} AND org_id = ${orgId} AND day = ${day} RETURNING claimed`;
        return { granted, claimed: after?.claimed ?? granted };
      }) as Promise<{ granted: number; claimed: number }>;
    },
    async releaseQuota(teamId, orgId, day, count, shopCodes) {
      return sql.begin(async (tx) => {
        if (shopCodes) {
          await tx`DELETE FROM quota_claim_codes WHERE team_id = ${teamId} AND org_id = ${orgId} AND day = ${day}
            AND shop_code = ANY(${tx.array([...shopCodes])}::text[])`;
        }
        const [row] = await tx<{ claimed: number }[]>`UPDATE quota_claims SET claimed = GREATEST(0, claimed - ${count})
          WHERE team_id = ${teamId} AND org_id = ${orgId} AND day = ${day} RETURNING claimed`;
        return { claimed: row?.claimed ?? 0 };
      }) as Promise<{ claimed: number }>;
    },
    async purge(olderThan) {
      return sql.begin(async (tx) => {
        const purged = await tx<{ team_id: string; version: bigint; size: bigint | null }[]>`
          DELETE FROM records WHERE deleted AND changed_at < ${olderThan} RETURNING team_id, version, size`;
        const freed = new Map<string, number>();
        for (const r of purged) freed.set(r.team_id, (freed.get(r.team_id) ?? 0) + Number(r.size ?? 0));
        for (const [teamId, bytes] of freed) {
          await tx`UPDATE teams SET stored_bytes = stored_bytes - ${bytes} WHERE id = ${teamId}`;
        }
        const through = purgedThroughByTeam(purged.map((r) => ({ teamId: r.team_id, version: Number(r.version) })));
        for (const [teamId, version] of through) {
          await tx`UPDATE teams SET purged_through = GREATEST(purged_through, ${version}) WHERE id = ${teamId}`;
        }
        const answers = await tx`DELETE FROM mutations WHERE at < ${olderThan}`;
        return { tombstones: purged.length, teams: through.size, answers: answers.count };
      }) as Promise<PurgeReport>;
    },
    async pull(teamId, since, limit, knownPurge): Promise<PullResponse> {
      return JSON.parse(await pullJson(teamId, since, limit, knownPurge));
    },
  };
}
