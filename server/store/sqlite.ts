import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  type Collection,
  type MutationResult,
  mustRefetchAfter,
  type PullResponse,
  type PushRequest,
} from '../../shared/sync-protocol';
import { DEFAULT_TEAM_STORAGE_MB, PULL_PAGE_LIMIT_BYTES, RECORD_LIMIT_BYTES } from '../limits';
import { recordTooLarge as tooLarge } from '../records';
import { allFieldVersions, keptFieldVersions } from '../sync/field-versions';
import { keptAnswer, replayedAnswer } from '../sync/kept-answers';
import { mergeMutation, publicRecord, type StoredRecord } from '../sync/merge';
import { pullPageJson } from '../sync/pull-page';
import { type PurgeReport, purgedThroughByTeam } from '../sync/purge';
import { DEFAULT_LOCK_WAIT_MS, storeFault, TeamStorageFull, whenUnlocked } from './faults';
import { isStale } from './last-seen';
import {
  type AuditRow,
  type DeviceRow,
  type InviteRow,
  type MemberRow,
  toAuditEntry,
  toDeviceInfo,
  toInviteInfo,
  toMemberInfo,
} from './rows';
import { ADDED_COLUMNS, addedColumnSql, backfillSizesSql, indexesSql, tablesSql } from './schema';
import { prepareStatements } from './sqlite-statements';
import type { Principal, Role, Store, StoreOptions } from './store';
import { hashToken, newId, newToken } from './tokens';

interface RecordRow {
  collection: string;
  id: string;
  version: number;
  deleted: number;
  fields: string;
  field_versions: string;
  size?: number | null;
}

/** Rows in version order until `limit` or past `maxBytes` of fields; whether more remain. */
function capped<R extends { fields: string }>(rows: Iterable<R>, limit: number, maxBytes: number) {
  const page: R[] = [];
  let bytes = 0;
  for (const row of rows) {
    if (page.length === limit || bytes >= maxBytes) return { page, more: true };
    page.push(row);
    bytes += row.fields.length;
  }
  return { page, more: false };
}

function toStored(row: RecordRow): StoredRecord {
  const fields = JSON.parse(row.fields);
  return {
    collection: row.collection as Collection,
    id: row.id,
    version: row.version,
    deleted: row.deleted === 1,
    fields,
    fieldVersions: allFieldVersions(fields, row.version, JSON.parse(row.field_versions)),
  };
}

/**
 * The embedded default store: one file under DATA_DIR. WAL lets readers run beside the writer;
 * synchronous=FULL makes a write that was acknowledged survive a crash of the process or machine.
 * better-sqlite3 is synchronous, so each push is one transaction that nothing interleaves with.
 */
export function openSqliteStore(
  dataDir: string,
  fileName = 'companion.sqlite',
  { teamStorageBytes = DEFAULT_TEAM_STORAGE_MB * 1024 * 1024, lockWaitMs = DEFAULT_LOCK_WAIT_MS }: StoreOptions = {},
): Store & { path: string } {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, fileName);
  // No busy handler: SQLite's would wait on the event loop (see whenUnlocked).
  const db = new Database(path, { timeout: 0 });
  const write = <T>(fn: () => T) => whenUnlocked(fn, lockWaitMs);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);${tablesSql('sqlite')}`);
  for (const added of ADDED_COLUMNS) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${added.table}')`).pluck().all();
    if (!columns.includes(added.column)) db.exec(addedColumnSql('sqlite', added));
  }
  db.exec(indexesSql());
  db.exec(backfillSizesSql('sqlite'));
  db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '2')`).run();

  const q = prepareStatements(db);

  const push = db.transaction((principal: Principal, request: PushRequest): MutationResult[] => {
    const { teamId, deviceId } = principal;
    // One block of sequence numbers for the whole push, taken inside the write transaction.
    const team = q.bumpSeq.get(request.mutations.length, teamId) as { seq: number; stored_bytes: number } | undefined;
    if (team === undefined) throw new Error(`no team ${teamId}`);
    let seq = team.seq - request.mutations.length;
    let added = 0;
    const now = Date.now();
    const results = request.mutations.map((m) => {
      seq++;
      const replay = q.getMutation.get(teamId, request.clientId, m.mutationId) as { result: string } | undefined;
      if (replay) return replayedAnswer(m.mutationId, replay.result);
      const row = q.getRecord.get(teamId, m.collection, m.id) as RecordRow | undefined;
      let { write, result } = mergeMutation(row ? toStored(row) : null, m, seq);
      const fields = write && JSON.stringify(write.fields);
      const size = fields === null ? 0 : Buffer.byteLength(fields);
      if (size > RECORD_LIMIT_BYTES) ({ write, result } = tooLarge(m.mutationId, size));
      if (write && fields !== null) {
        added += size - (row?.size ?? 0);
        q.putRecord.run(
          teamId,
          write.collection,
          write.id,
          write.version,
          write.deleted ? 1 : 0,
          fields,
          JSON.stringify(keptFieldVersions(write)),
          now,
          size,
        );
        q.audit.run(teamId, write.version, deviceId, m.collection, m.id, m.op, result.status, now);
      }
      q.putMutation.run(teamId, request.clientId, m.mutationId, keptAnswer(result), now);
      return result;
    });
    // Checked on the whole push: a push that frees space, or keeps it level, always goes through.
    if (added > 0 && team.stored_bytes + added > teamStorageBytes) {
      throw new TeamStorageFull(team.stored_bytes, added, teamStorageBytes);
    }
    if (added !== 0) q.addStoredBytes.run(added, teamId);
    return results;
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

  const claimQuota = db.transaction(
    (
      teamId: string,
      orgId: string,
      day: string,
      count: number,
      limit: number,
      shopCodes?: readonly string[],
      madeByHand = true,
    ) => {
      q.openQuotaDay.run(teamId, orgId, day);
      const { claimed } = q.claimed.get(teamId, orgId, day) as { claimed: number };
      const room = Math.max(0, limit - claimed);
      let granted = Math.min(count, room);
      if (shopCodes && !madeByHand) {
        for (const code of shopCodes.slice(0, granted)) q.claimCode.run(teamId, orgId, day, code);
      } else if (shopCodes) {
        // Only the codes granted are kept: one past the limit may be claimed again once room is given back.
        granted = 0;
        for (const code of shopCodes) if (granted < room) granted += q.claimCode.run(teamId, orgId, day, code).changes;
      }
      return { granted, claimed: (q.addClaims.get(granted, teamId, orgId, day) as { claimed: number }).claimed };
    },
  );

  const purge = db.transaction((olderThan: number): PurgeReport => {
    const purged = q.purgeTombstones.all(olderThan) as { team_id: string; version: number; size: number | null }[];
    for (const r of purged) q.dropStoredBytes.run(r.size ?? 0, r.team_id);
    const through = purgedThroughByTeam(purged.map((r) => ({ teamId: r.team_id, version: r.version })));
    for (const [teamId, version] of through) q.raisePurgedThrough.run(version, teamId);
    const answers = q.purgeAnswers.run(olderThan).changes;
    return { tombstones: purged.length, teams: through.size, answers };
  });

  async function pullJson(teamId: string, since: number, limit: number, knownPurge = 0): Promise<string> {
    const team = q.teamState.get(teamId) as { seq: number; purged_through: number } | undefined;
    if (!team) throw new Error(`no team ${teamId}`);
    const mustRefetch = mustRefetchAfter(since, knownPurge, team.purged_through);
    const rows = q.pull.iterate(teamId, mustRefetch ? 0 : since, limit + 1) as Iterable<Omit<RecordRow, 'field_versions'>>;
    const { page, more } = capped(rows, limit, PULL_PAGE_LIMIT_BYTES);
    return pullPageJson(
      page.map((r) => ({
        collection: r.collection,
        id: r.id,
        version: r.version,
        deleted: r.deleted === 1,
        fieldsJson: r.fields,
      })),
      limit,
      since,
      mustRefetch,
      more,
      team.purged_through,
    );
  }

  return {
    kind: 'sqlite',
    path,
    async ping() {
      q.ping.get('schema_version');
      // Ready means writable: take the write lock and give it back at once, waiting only briefly.
      await whenUnlocked(() => db.transaction(() => {}).immediate(), Math.min(lockWaitMs, 250));
    },
    async close() {
      db.close();
    },
    async createTeam(name) {
      const teamId = newId();
      await write(() => q.insertTeam.run(teamId, name, Date.now()));
      return { teamId };
    },
    async createDeviceToken(teamId: string, role: Role, label: string, memberId?: string) {
      const create = db.transaction(() => {
        if (memberId && !q.activeMember.get(memberId, teamId)) throw new Error(`no member ${memberId} in team ${teamId}`);
        const member = memberId ?? newMember(teamId, label);
        return { ...newDevice(teamId, role, label, member), memberId: member };
      });
      return write(() => create.immediate());
    },
    async authenticate(token) {
      const row = q.deviceByHash.get(hashToken(token)) as
        | { id: string; team_id: string; role: Role; last_seen_at: number | null; member_id: string | null }
        | undefined;
      if (!row) return null;
      const now = Date.now();
      if (isStale(row.last_seen_at, now)) {
        // Best effort: a locked database must not turn every read away for want of "last seen".
        try {
          q.touchDevice.run(now, row.id);
        } catch (error) {
          if (!storeFault(error)) throw error;
        }
      }
      return { teamId: row.team_id, deviceId: row.id, memberId: row.member_id ?? row.id, role: row.role };
    },
    async revokeDevice(teamId, deviceId) {
      const revoke = db.transaction(() => {
        const now = Date.now();
        if (q.revoke.run(now, deviceId, teamId).changes !== 1) return false;
        q.revokeDeviceInvites.run(now, deviceId);
        return true;
      });
      return write(() => revoke.immediate());
    },
    async listDevices(teamId) {
      return (q.listDevices.all(teamId) as DeviceRow[]).map(toDeviceInfo);
    },
    async createInvite(teamId, role, { maxUses, expiresAt, memberId, createdBy }) {
      const code = newToken('inv');
      const inviteId = hashToken(code);
      await write(() => q.insertInvite.run(inviteId, teamId, role, maxUses, expiresAt, memberId ?? null, createdBy ?? null));
      return { code, inviteId };
    },
    async listInvites(teamId) {
      return (q.listInvites.all(teamId) as InviteRow[]).map(toInviteInfo);
    },
    async revokeInvite(teamId, inviteId) {
      return (await write(() => q.revokeInvite.run(Date.now(), inviteId, teamId))).changes === 1;
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
        const team = q.teamName.get(invite.team_id) as { name: string };
        return { token, teamId: invite.team_id, teamName: team.name, role: invite.role, deviceId, memberId };
      });
      return write(() => redeem.immediate());
    },
    async listMembers(teamId) {
      return (q.listMembers.all(teamId) as MemberRow[]).map(toMemberInfo);
    },
    async removeMember(teamId, memberId) {
      const remove = db.transaction(() => {
        const now = Date.now();
        if (q.removeMember.run(now, memberId, teamId).changes !== 1) return null;
        const revoked = q.revokeMemberDevices.all(now, memberId, teamId) as { id: string }[];
        q.revokeMemberInvites.run(now, memberId, memberId);
        return { revokedDevices: revoked.map((r) => r.id) };
      });
      return write(() => remove.immediate());
    },
    async audit(teamId, filter) {
      const c = filter.collection ?? null;
      const d = filter.deviceId ?? null;
      const rows =
        filter.before === undefined
          ? q.auditRows.all(teamId, filter.since ?? 0, c, c, d, d, filter.limit)
          : q.auditRowsBefore.all(teamId, filter.since ?? 0, filter.before, c, c, d, d, filter.limit);
      return (rows as AuditRow[]).map(toAuditEntry);
    },
    async rotateCalendarSecret(teamId) {
      const secret = newToken('cal');
      await write(() => q.putCalendar.run(teamId, hashToken(secret)));
      return { secret };
    },
    async revokeCalendarSecret(teamId) {
      await write(() => q.dropCalendar.run(teamId));
    },
    async teamOfCalendarSecret(secret) {
      return (q.calendarTeam.get(hashToken(secret)) as { team_id: string } | undefined)?.team_id ?? null;
    },
    async records(teamId, collection, after = 0, limit = 1000) {
      const rows = q.liveRecords.iterate(teamId, collection, after, limit) as Iterable<RecordRow>;
      return capped(rows, limit, PULL_PAGE_LIMIT_BYTES).page.map((r) => publicRecord(toStored(r)));
    },
    async storedBytes(teamId) {
      return (q.storedBytes.get(teamId) as { stored_bytes: number } | undefined)?.stored_bytes ?? 0;
    },
    async push(principal, request) {
      return write(() => push.immediate(principal, request));
    },
    pullJson,
    async claimQuota(teamId, orgId, day, count, limit, shopCodes, madeByHand) {
      return write(() => claimQuota.immediate(teamId, orgId, day, count, limit, shopCodes, madeByHand));
    },
    async releaseQuota(teamId, orgId, day, count, shopCodes) {
      const row = (await write(() =>
        db.transaction(() => {
          for (const code of shopCodes ?? []) q.releaseCode.run(teamId, orgId, day, code);
          return q.releaseClaims.get(count, teamId, orgId, day);
        })(),
      )) as { claimed: number } | undefined;
      return { claimed: row?.claimed ?? 0 };
    },
    async purge(olderThan) {
      return write(() => purge.immediate(olderThan));
    },
    async pull(teamId, since, limit, knownPurge): Promise<PullResponse> {
      return JSON.parse(await pullJson(teamId, since, limit, knownPurge));
    },
  };
}
