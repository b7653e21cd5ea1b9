import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Collection, MutationResult, PullResponse, PushRequest } from '../../shared/sync-protocol';
import { mergeMutation, publicRecord, type StoredRecord } from '../sync/merge';
import { mustRefetchAfter, pullPageJson } from '../sync/pull-page';
import { type PurgeReport, purgedThroughByTeam } from '../sync/purge';
import { isStale } from './last-seen';
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
import { ADDED_COLUMNS, addedColumnSql, indexesSql, tablesSql } from './schema';
import type { Principal, Role, Store } from './store';
import { hashToken, newId, newToken } from './tokens';

interface RecordRow {
  collection: string;
  id: string;
  version: number;
  deleted: number;
  fields: string;
  field_versions: string;
}

function toStored(row: RecordRow): StoredRecord {
  return {
    collection: row.collection as Collection,
    id: row.id,
    version: row.version,
    deleted: row.deleted === 1,
    fields: JSON.parse(row.fields),
    fieldVersions: JSON.parse(row.field_versions),
  };
}

/**
 * The embedded default store: one file under DATA_DIR. WAL lets readers run beside the writer;
 * synchronous=FULL makes a write that was acknowledged survive a crash of the process or machine.
 * better-sqlite3 is synchronous, so each push is one transaction that nothing interleaves with.
 */
export function openSqliteStore(dataDir: string, fileName = 'companion.sqlite'): Store & { path: string } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, fileName);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);${tablesSql('sqlite')}`);
  for (const added of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${added.table}')`).pluck().all();
    if (!columns.includes(added.column)) db.exec(addedColumnSql('sqlite', added));
  }
  db.exec(indexesSql());
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '2')`).run();

  const q = {
    ping: db.prepare('SELECT value FROM meta WHERE key = ?'),
    insertTeam: db.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)'),
    insertDevice: db.prepare(
      'INSERT INTO devices (id, team_id, role, label, token_hash, created_at, member_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertMember: db.prepare('INSERT INTO members (id, team_id, name, created_at) VALUES (?, ?, ?, ?)'),
    activeMember: db.prepare('SELECT id FROM members WHERE id = ? AND team_id = ? AND removed_at IS NULL'),
    listMembers: db.prepare('SELECT id, name, created_at, removed_at FROM members WHERE team_id = ? ORDER BY created_at'),
    removeMember: db.prepare('UPDATE members SET removed_at = ? WHERE id = ? AND team_id = ? AND removed_at IS NULL'),
    revokeMemberDevices: db.prepare(
      'UPDATE devices SET revoked_at = ? WHERE member_id = ? AND team_id = ? AND revoked_at IS NULL RETURNING id',
    ),
    revokeMemberInvites: db.prepare('UPDATE invites SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL'),
    listInvites: db.prepare(`SELECT ${INVITE_COLUMNS} FROM invites WHERE team_id = ? ORDER BY expires_at`),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE code_hash = ? AND team_id = ? AND revoked_at IS NULL'),
    deviceByHash: db.prepare(
      'SELECT id, team_id, role, last_seen_at, member_id FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND team_id = ? AND revoked_at IS NULL'),
    bumpSeq: db.prepare('UPDATE teams SET seq = seq + ? WHERE id = ? RETURNING seq'),
    teamState: db.prepare('SELECT seq, purged_through FROM teams WHERE id = ?'),
    getRecord: db.prepare(
      'SELECT collection, id, version, deleted, fields, field_versions FROM records WHERE team_id = ? AND collection = ? AND id = ?',
    ),
    putRecord: db.prepare(
      `INSERT INTO records (team_id, collection, id, version, deleted, fields, field_versions, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, collection, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
       fields = excluded.fields, field_versions = excluded.field_versions, changed_at = excluded.changed_at`,
    ),
    getMutation: db.prepare('SELECT result FROM mutations WHERE team_id = ? AND client_id = ? AND mutation_id = ?'),
    putMutation: db.prepare('INSERT INTO mutations (team_id, client_id, mutation_id, result, at) VALUES (?, ?, ?, ?, ?)'),
    purgeTombstones: db.prepare('DELETE FROM records WHERE deleted AND changed_at < ? RETURNING team_id, version'),
    raisePurgedThrough: db.prepare('UPDATE teams SET purged_through = max(purged_through, ?) WHERE id = ?'),
    purgeAnswers: db.prepare('DELETE FROM mutations WHERE at < ?'),
    openQuotaDay: db.prepare('INSERT OR IGNORE INTO quota_claims (team_id, org_id, day) VALUES (?, ?, ?)'),
    claimed: db.prepare('SELECT claimed FROM quota_claims WHERE team_id = ? AND org_id = ? AND day = ?'),
    addClaims: db.prepare(
      'UPDATE quota_claims SET claimed = claimed + ? WHERE team_id = ? AND org_id = ? AND day = ? RETURNING claimed',
    ),
    releaseClaims: db.prepare(
      'UPDATE quota_claims SET claimed = max(0, claimed - ?) WHERE team_id = ? AND org_id = ? AND day = ? RETURNING claimed',
    ),
    audit: db.prepare(
      'INSERT INTO audit (team_id, version, device_id, collection, record_id, op, status, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    listDevices: db.prepare(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE team_id = ? ORDER BY created_at`),
    insertInvite: db.prepare(
      'INSERT INTO invites (code_hash, team_id, role, max_uses, expires_at, member_id) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    useInvite: db.prepare(
      `UPDATE invites SET uses = uses + 1 WHERE code_hash = ? AND revoked_at IS NULL AND expires_at > ?
       AND (max_uses IS NULL OR uses < max_uses) RETURNING team_id, role, member_id`,
    ),
    auditRows: db.prepare(
      `${AUDIT_SELECT} WHERE a.team_id = ? AND a.version > ? AND (? IS NULL OR a.collection = ?)
       AND (? IS NULL OR a.device_id = ?) ORDER BY a.version LIMIT ?`,
    ),

    putCalendar: db.prepare(
      'INSERT INTO calendars (team_id, secret_hash) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET secret_hash = excluded.secret_hash',
    ),
    dropCalendar: db.prepare('DELETE FROM calendars WHERE team_id = ?'),
    calendarTeam: db.prepare('SELECT team_id FROM calendars WHERE secret_hash = ?'),
    liveRecords: db.prepare(
      'SELECT collection, id, version, deleted, fields, field_versions FROM records WHERE team_id = ? AND collection = ? AND deleted = 0 ORDER BY version',
    ),
    pull: db.prepare(
      'SELECT collection, id, version, deleted, fields FROM records WHERE team_id = ? AND version > ? ORDER BY version LIMIT ?',
    ),
  };

  const push = db.transaction((principal: Principal, request: PushRequest): MutationResult[] => {
    const { teamId, deviceId } = principal;
    // One block of sequence numbers for the whole push, taken inside the write transaction.
    const last = (q.bumpSeq.get(request.mutations.length, teamId) as { seq: number } | undefined)?.seq;
    if (last === undefined) throw new Error(`no team ${teamId}`);
    let seq = last - request.mutations.length;
    const now = Date.now();
    return request.mutations.map((m) => {
      seq++;
      const replay = q.getMutation.get(teamId, request.clientId, m.mutationId) as { result: string } | undefined;
      if (replay) return JSON.parse(replay.result) as MutationResult;
      const row = q.getRecord.get(teamId, m.collection, m.id) as RecordRow | undefined;
      const { write, result } = mergeMutation(row ? toStored(row) : null, m, seq);
      if (write) {
        q.putRecord.run(
          teamId,
          write.collection,
          write.id,
          write.version,
          write.deleted ? 1 : 0,
          JSON.stringify(write.fields),
          JSON.stringify(write.fieldVersions),
          now,
        );
        q.audit.run(teamId, write.version, deviceId, m.collection, m.id, m.op, result.status, now);
      }
      q.putMutation.run(teamId, request.clientId, m.mutationId, JSON.stringify(result), now);
      return result;
    });
  });

  function newMember(teamId: string, name: string): string {
    const memberId = newId();
    q.insertMember.run(memberId, teamId, name, Date.now());
    return memberId;
  }

  function newDevice(teamId: string, role: Role, label: string, memberId: string): { token: string; deviceId: string } {
    const token = newToken();
    const deviceId = newId();
    q.insertDevice.run(deviceId, teamId, role, label, hashToken(token), Date.now(), memberId);
    return { token, deviceId };
  }

  const claimQuota = db.transaction((teamId: string, orgId: string, day: string, count: number, limit: number) => {
    q.openQuotaDay.run(teamId, orgId, day);
    const { claimed } = q.claimed.get(teamId, orgId, day) as { claimed: number };
    const granted = Math.min(count, Math.max(0, limit - claimed));
    return { granted, claimed: (q.addClaims.get(granted, teamId, orgId, day) as { claimed: number }).claimed };
  });

  const purge = db.transaction((olderThan: number): PurgeReport => {
    const purged = q.purgeTombstones.all(olderThan) as { team_id: string; version: number }[];
    const through = purgedThroughByTeam(purged.map((r) => ({ teamId: r.team_id, version: r.version })));
    for (const [teamId, version] of through) q.raisePurgedThrough.run(version, teamId);
    const answers = q.purgeAnswers.run(olderThan).changes;
    return { tombstones: purged.length, teams: through.size, answers };
  });

  async function pullJson(teamId: string, since: number, limit: number, knownPurge = 0): Promise<string> {
    const team = q.teamState.get(teamId) as { seq: number; purged_through: number } | undefined;
    if (!team) throw new Error(`no team ${teamId}`);
    const mustRefetch = mustRefetchAfter(since, knownPurge, team.purged_through);
    const rows = q.pull.all(teamId, mustRefetch ? 0 : since, limit + 1) as Omit<RecordRow, 'field_versions'>[];
    return pullPageJson(
      rows.map((r) => ({
        collection: r.collection,
        id: r.id,
        version: r.version,
        deleted: r.deleted === 1,
        fieldsJson: r.fields,
      })),
      limit,
      since,
      mustRefetch,
      rows.length > limit,
      team.purged_through,
    );
  }

  return {
    kind: 'sqlite',
    path,
    async ping() {
      q.ping.get('schema_version');
    },
    async close() {
      db.close();
    },
    async createTeam(name) {
      const teamId = newId();
      q.insertTeam.run(teamId, name, Date.now());
      return { teamId };
    },
    async createDeviceToken(teamId: string, role: Role, label: string, memberId?: string) {
      return db.transaction(() => {
        if (memberId && !q.activeMember.get(memberId, teamId)) throw new Error(`no member ${memberId} in team ${teamId}`);
        const member = memberId ?? newMember(teamId, label);
        return { ...newDevice(teamId, role, label, member), memberId: member };
      })();
    },
    async authenticate(token) {
      const row = q.deviceByHash.get(hashToken(token)) as
        | { id: string; team_id: string; role: Role; last_seen_at: number | null; member_id: string | null }
        | undefined;
      if (!row) return null;
      const now = Date.now();
      if (isStale(row.last_seen_at, now)) q.touchDevice.run(now, row.id);
      return { teamId: row.team_id, deviceId: row.id, memberId: row.member_id ?? row.id, role: row.role };
    },
    async revokeDevice(teamId, deviceId) {
      return q.revoke.run(Date.now(), deviceId, teamId).changes === 1;
    },
    async listDevices(teamId) {
      return (q.listDevices.all(teamId) as DeviceRow[]).map(toDeviceInfo);
    },
    async createInvite(teamId, role, { maxUses, expiresAt, memberId }) {
      const code = newToken('inv');
      const inviteId = hashToken(code);
      q.insertInvite.run(inviteId, teamId, role, maxUses, expiresAt, memberId ?? null);
      return { code, inviteId };
    },
    async listInvites(teamId) {
      return (q.listInvites.all(teamId) as InviteRow[]).map(toInviteInfo);
    },
    async revokeInvite(teamId, inviteId) {
      return q.revokeInvite.run(Date.now(), inviteId, teamId).changes === 1;
    },
    async redeemInvite(code, label, name) {
      const redeem = db.transaction(() => {
        const invite = q.useInvite.get(hashToken(code), Date.now()) as
          | { team_id: string; role: Role; member_id: string | null }
          | undefined;
        if (!invite) return null;
        if (invite.member_id && !q.activeMember.get(invite.member_id, invite.team_id)) return null;
        const memberId = invite.member_id ?? newMember(invite.team_id, name ?? label);
        const { token, deviceId } = newDevice(invite.team_id, invite.role, label, memberId);
        return { token, teamId: invite.team_id, role: invite.role, deviceId, memberId };
      });
      return redeem.immediate();
    },
    async listMembers(teamId) {
      return (q.listMembers.all(teamId) as MemberRow[]).map(toMemberInfo);
    },
    async removeMember(teamId, memberId) {
      return db.transaction(() => {
        const now = Date.now();
        if (q.removeMember.run(now, memberId, teamId).changes !== 1) return null;
        const revoked = q.revokeMemberDevices.all(now, memberId, teamId) as { id: string }[];
        q.revokeMemberInvites.run(now, memberId);
        return { revokedDevices: revoked.map((r) => r.id) };
      })();
    },
    async audit(teamId, filter) {
      const c = filter.collection ?? null;
      const d = filter.deviceId ?? null;
      return (q.auditRows.all(teamId, filter.since ?? 0, c, c, d, d, filter.limit) as AuditRow[]).map(toAuditEntry);
    },
    async rotateCalendarSecret(teamId) {
      const secret = newToken('cal');
      q.putCalendar.run(teamId, hashToken(secret));
      return { secret };
    },
    async revokeCalendarSecret(teamId) {
      q.dropCalendar.run(teamId);
    },
    async teamOfCalendarSecret(secret) {
      return (q.calendarTeam.get(hashToken(secret)) as { team_id: string } | undefined)?.team_id ?? null;
    },
    async records(teamId, collection) {
      return (q.liveRecords.all(teamId, collection) as RecordRow[]).map((r) => publicRecord(toStored(r)));
    },
    async push(principal, request) {
      return push.immediate(principal, request);
    },
    pullJson,
    async claimQuota(teamId, orgId, day, count, limit) {
      return claimQuota.immediate(teamId, orgId, day, count, limit);
    },
    async releaseQuota(teamId, orgId, day, count) {
      const row = q.releaseClaims.get(count, teamId, orgId, day) as { claimed: number } | undefined;
      return { claimed: row?.claimed ?? 0 };
    },
    async purge(olderThan) {
      return purge(olderThan);
    },
    async pull(teamId, since, limit, knownPurge): Promise<PullResponse> {
      return JSON.parse(await pullJson(teamId, since, limit, knownPurge));
    },
  };
}
