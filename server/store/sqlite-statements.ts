import type Database from 'better-sqlite3';
import { AUDIT_SELECT, DEVICE_COLUMNS, INVITE_COLUMNS } from './rows';

/** Every statement the SQLite store runs, prepared once when it opens (sqlite.ts). */
export function prepareStatements(db: Database.Database) {
  return {
    ping: db.prepare('SELECT value FROM meta WHERE key = ?'),
    insertTeam: db.prepare('INSERT INTO teams (id, name, created_at, stored_bytes) VALUES (?, ?, ?, 0)'),
    teamName: db.prepare('SELECT name FROM teams WHERE id = ?'),
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
    revokeMemberInvites: db.prepare(
      `UPDATE invites SET revoked_at = ? WHERE revoked_at IS NULL
     AND (member_id = ? OR created_by IN (SELECT id FROM devices WHERE member_id = ?))`,
    ),
    revokeDeviceInvites: db.prepare('UPDATE invites SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL'),
    listInvites: db.prepare(`SELECT ${INVITE_COLUMNS} FROM invites WHERE team_id = ? ORDER BY expires_at`),
    revokeInvite: db.prepare('UPDATE invites SET revoked_at = ? WHERE code_hash = ? AND team_id = ? AND revoked_at IS NULL'),
    deviceByHash: db.prepare(
      'SELECT id, team_id, role, last_seen_at, member_id FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
    ),
    touchDevice: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND team_id = ? AND revoked_at IS NULL'),
    bumpSeq: db.prepare('UPDATE teams SET seq = seq + ? WHERE id = ? RETURNING seq, stored_bytes'),
    addStoredBytes: db.prepare('UPDATE teams SET stored_bytes = stored_bytes + ? WHERE id = ?'),
    storedBytes: db.prepare('SELECT stored_bytes FROM teams WHERE id = ?'),
    teamState: db.prepare('SELECT seq, purged_through FROM teams WHERE id = ?'),
    getRecord: db.prepare(
      'SELECT collection, id, version, deleted, fields, field_versions, size FROM records WHERE team_id = ? AND collection = ? AND id = ?',
    ),
    putRecord: db.prepare(
      `INSERT INTO records (team_id, collection, id, version, deleted, fields, field_versions, changed_at, size)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (team_id, collection, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted,
     fields = excluded.fields, field_versions = excluded.field_versions, changed_at = excluded.changed_at,
     size = excluded.size`,
    ),
    getMutation: db.prepare('SELECT result FROM mutations WHERE team_id = ? AND client_id = ? AND mutation_id = ?'),
    putMutation: db.prepare('INSERT INTO mutations (team_id, client_id, mutation_id, result, at) VALUES (?, ?, ?, ?, ?)'),
    purgeTombstones: db.prepare('DELETE FROM records WHERE deleted AND changed_at < ? RETURNING team_id, version, size'),
    dropStoredBytes: db.prepare('UPDATE teams SET stored_bytes = stored_bytes - ? WHERE id = ?'),
    raisePurgedThrough: db.prepare('UPDATE teams SET purged_through = max(purged_through, ?) WHERE id = ?'),
    purgeAnswers: db.prepare('DELETE FROM mutations WHERE at < ?'),
    releaseCode: db.prepare('DELETE FROM quota_claim_codes WHERE team_id = ? AND org_id = ? AND day = ? AND shop_code = ?'),
    claimCode: db.prepare('INSERT OR IGNORE INTO quota_claim_codes (team_id, org_id, day, shop_code) VALUES (?, ?, ?, ?)'),
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
      'INSERT INTO invites (code_hash, team_id, role, max_uses, expires_at, member_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    useInvite: db.prepare(
      `UPDATE invites SET uses = uses + 1 WHERE code_hash = ? AND revoked_at IS NULL AND expires_at > ?
     AND (max_uses IS NULL OR uses < max_uses)
     AND (created_by IS NULL OR created_by IN (SELECT id FROM devices WHERE revoked_at IS NULL))
     RETURNING team_id, role, member_id`,
    ),
    auditRows: db.prepare(
      `${AUDIT_SELECT} WHERE a.team_id = ? AND a.version > ? AND (? IS NULL OR a.collection = ?)
     AND (? IS NULL OR a.device_id = ?) ORDER BY a.version LIMIT ?`,
    ),
    auditRowsBefore: db.prepare(
      `${AUDIT_SELECT} WHERE a.team_id = ? AND a.version > ? AND a.version < ? AND (? IS NULL OR a.collection = ?)
     AND (? IS NULL OR a.device_id = ?) ORDER BY a.version DESC LIMIT ?`,
    ),

    putCalendar: db.prepare(
      'INSERT INTO calendars (team_id, secret_hash) VALUES (?, ?) ON CONFLICT (team_id) DO UPDATE SET secret_hash = excluded.secret_hash',
    ),
    dropCalendar: db.prepare('DELETE FROM calendars WHERE team_id = ?'),
    calendarTeam: db.prepare('SELECT team_id FROM calendars WHERE secret_hash = ?'),
    liveRecords: db.prepare(
      `SELECT collection, id, version, deleted, fields, field_versions FROM records
     WHERE team_id = ? AND collection = ? AND deleted = 0 AND version > ? ORDER BY version LIMIT ?`,
    ),
    pull: db.prepare(
      'SELECT collection, id, version, deleted, fields FROM records WHERE team_id = ? AND version > ? ORDER BY version LIMIT ?',
    ),
  };
}
