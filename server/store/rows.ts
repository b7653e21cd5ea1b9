import type { AuditEntry, DeviceInfo, InviteInfo, MemberInfo, Role } from './store';

/**
 * Rows as both stores read them (SQLite gives integers as numbers, PostgreSQL's BIGINT as
 * bigints), and the one mapping each gets to what the routes send.
 */
type Int = number | bigint;
const num = (v: Int) => Number(v);
const numOrNull = (v: Int | null) => (v === null ? null : Number(v));

export interface DeviceRow {
  id: string;
  role: Role;
  label: string;
  created_at: Int;
  last_seen_at: Int | null;
  revoked_at: Int | null;
  member_id: string | null;
}

export const DEVICE_COLUMNS = 'id, role, label, created_at, last_seen_at, revoked_at, member_id';

export function toDeviceInfo(r: DeviceRow): DeviceInfo {
  return {
    deviceId: r.id,
    // A device made before members existed is its own member.
    memberId: r.member_id ?? r.id,
    role: r.role,
    label: r.label,
    createdAt: num(r.created_at),
    lastSeenAt: numOrNull(r.last_seen_at),
    revokedAt: numOrNull(r.revoked_at),
  };
}

export interface InviteRow {
  code_hash: string;
  role: Role;
  max_uses: number | null;
  uses: number;
  expires_at: Int;
  revoked_at: Int | null;
  member_id: string | null;
  created_by_name: string | null;
}

/** With the name of who made each invite (their member's name, or an older device's label), for Settings. */
export const INVITE_COLUMNS = `code_hash, role, max_uses, uses, expires_at, revoked_at, member_id,
  (SELECT COALESCE(m.name, d.label) FROM devices d LEFT JOIN members m ON m.id = d.member_id
    WHERE d.id = invites.created_by) AS created_by_name`;

export function toInviteInfo(r: InviteRow): InviteInfo {
  return {
    inviteId: r.code_hash,
    role: r.role,
    maxUses: r.max_uses,
    uses: r.uses,
    expiresAt: num(r.expires_at),
    revokedAt: numOrNull(r.revoked_at),
    memberId: r.member_id,
    createdBy: r.created_by_name ?? null,
  };
}

export interface MemberRow {
  id: string;
  name: string;
  created_at: Int;
  removed_at: Int | null;
}

export function toMemberInfo(r: MemberRow): MemberInfo {
  return { memberId: r.id, name: r.name, createdAt: num(r.created_at), removedAt: numOrNull(r.removed_at) };
}

export interface AuditRow {
  version: Int;
  device_id: string;
  member_id: string;
  member_name: string;
  collection: string;
  record_id: string;
  op: string;
  status: string;
  at: Int;
}

/** The audit with who: the device's member, and their name (a pre-member device's label). */
export const AUDIT_SELECT = `SELECT a.version, a.device_id, a.collection, a.record_id, a.op, a.status, a.at,
  COALESCE(d.member_id, a.device_id) AS member_id, COALESCE(m.name, d.label, '') AS member_name
  FROM audit a LEFT JOIN devices d ON d.id = a.device_id LEFT JOIN members m ON m.id = d.member_id`;

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    version: num(r.version),
    deviceId: r.device_id,
    memberId: r.member_id,
    memberName: r.member_name,
    collection: r.collection,
    recordId: r.record_id,
    op: r.op,
    status: r.status,
    at: num(r.at),
  };
}
