import type { Collection, MutationResult, PullResponse, PushRequest, SyncRecord } from '../../shared/sync-protocol';
import type { Role } from '../../shared/team-roles';
import type { PurgeReport } from '../sync/purge';

export { ROLES, type Role } from '../../shared/team-roles';

/** Who is calling: one device (browser) of one member of one team. */
export interface Principal {
  teamId: string;
  deviceId: string;
  /** The person; a device made before members existed is its own member. */
  memberId: string;
  role: Role;
}

/** Limits a store enforces itself, since only it sees a team's records inside the write transaction. */
export interface StoreOptions {
  /** Bytes of record JSON one team may keep (default DEFAULT_TEAM_STORAGE_MB). */
  teamStorageBytes?: number;
  /** How long a write waits for a lock another process holds before failing (default 5 s). */
  lockWaitMs?: number;
  /**
   * PostgreSQL: the channel each push that changes records NOTIFYs, with `{ teamId, version, since }`, from
   * inside its own transaction, so every instance LISTENing hears of it when, and only if, it commits.
   */
  commitChannel?: string;
}

/** What the routes need of a store; SQLite (embedded) and PostgreSQL implement the same interface. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Resolves when the store can answer and take writes; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  createTeam(name: string): Promise<{ teamId: string }>;
  /** Mints a device token; only its hash is stored. Without a member, a new member named `label` is made. */
  createDeviceToken(
    teamId: string,
    role: Role,
    label: string,
    memberId?: string,
  ): Promise<{ token: string; deviceId: string; memberId: string }>;
  authenticate(token: string): Promise<Principal | null>;
  revokeDevice(teamId: string, deviceId: string): Promise<boolean>;
  listDevices(teamId: string): Promise<DeviceInfo[]>;
  /**
   * Invites are stored hashed; `maxUses` null means any number of uses until it expires. An invite
   * with a member adds a browser to that member; one without makes a new member. An invite made
   * by a device (`createdBy`) dies with it: revoking the device, or removing its member, revokes it.
   */
  createInvite(
    teamId: string,
    role: Role,
    options: { maxUses: number | null; expiresAt: number; memberId?: string; createdBy?: string },
  ): Promise<{ code: string; inviteId: string }>;
  listInvites(teamId: string): Promise<InviteInfo[]>;
  revokeInvite(teamId: string, inviteId: string): Promise<boolean>;
  /**
   * Turns a valid invite into a device token; null when the invite is unknown, used up, expired or
   * revoked, or its member was removed. `name` names a new member (default: the device label).
   */
  redeemInvite(code: string, label: string, name?: string): Promise<Redeemed | null>;
  listMembers(teamId: string): Promise<MemberInfo[]>;
  /** Removes a member: every device of theirs is revoked and their pending invites too. Null if unknown. */
  removeMember(teamId: string, memberId: string): Promise<{ revokedDevices: string[] } | null>;
  audit(teamId: string, filter: AuditFilter): Promise<AuditEntry[]>;
  /** A new secret calendar URL for the team; the previous one stops working. Stored hashed. */
  rotateCalendarSecret(teamId: string): Promise<{ secret: string }>;
  revokeCalendarSecret(teamId: string): Promise<void>;
  teamOfCalendarSecret(secret: string): Promise<string | null>;
  /**
   * Claims up to `count` of one Business Center's requests for a quota day, for the whole team:
   * the claims of all members together never pass `limit`, however many ask at once. The shop
   * codes claimed are kept for the day. With `madeByHand` (requests already made, seen in the
   * Shops list) only codes new that day count, so a request counts once however many browsers saw
   * it, and a batch's own requests seen by a teammate before they synced are not counted again.
   */
  claimQuota(
    teamId: string,
    orgId: string,
    day: string,
    count: number,
    limit: number,
    shopCodes?: readonly string[],
    madeByHand?: boolean,
  ): Promise<{ granted: number; claimed: number }>;
  /** Gives back claims that were not used (TikTok refused the request, or the batch stopped). */
  releaseQuota(
    teamId: string,
    orgId: string,
    day: string,
    count: number,
    shopCodes?: readonly string[],
  ): Promise<{ claimed: number }>;
  /**
   * The live (not deleted) records of one collection changed after version `after`, in version
   * order: at most `limit` (default 1,000) and PULL_PAGE_LIMIT_BYTES of fields (one more record may
   * cross it). Read page after page until one comes back empty.
   */
  records(teamId: string, collection: Collection, after?: number, limit?: number): Promise<SyncRecord[]>;
  /** The bytes of record JSON the team keeps, counted against its storage quota. */
  storedBytes(teamId: string): Promise<number>;
  push(principal: Principal, request: PushRequest): Promise<MutationResult[]>;
  /** `knownPurge`: the purge mark the browser started from scratch under (see mustRefetchAfter). */
  pull(teamId: string, since: number, limit: number, knownPurge?: number): Promise<PullResponse>;
  /** The same page as `pull`, as the JSON text the route sends; capped at PULL_PAGE_LIMIT_BYTES of fields too. */
  pullJson(teamId: string, since: number, limit: number, knownPurge?: number): Promise<string>;
  /**
   * Drops tombstones and idempotency answers last changed before `olderThan` (epoch ms). A client
   * whose checkpoint is older than a team's purged tombstones is told to refetch on its next pull.
   */
  purge(olderThan: number): Promise<PurgeReport>;
}

export interface Redeemed {
  token: string;
  teamId: string;
  /** The team's name as its owner gave it: a browser in two teams on one server tells them apart by it. */
  teamName: string;
  role: Role;
  deviceId: string;
  memberId: string;
}

export interface MemberInfo {
  memberId: string;
  name: string;
  createdAt: number;
  removedAt: number | null;
}

export interface InviteInfo {
  /** The SHA-256 of the code: names the invite without revealing it. */
  inviteId: string;
  role: Role;
  maxUses: number | null;
  uses: number;
  expiresAt: number;
  revokedAt: number | null;
  /** Set when the invite adds a browser to this member. */
  memberId: string | null;
  /** Who made it, as the team knows them; null for invites made by the operator's CLI. */
  createdBy: string | null;
}

export interface DeviceInfo {
  deviceId: string;
  memberId: string;
  role: Role;
  label: string;
  createdAt: number;
  lastSeenAt: number | null;
  revokedAt: number | null;
}

export interface AuditFilter {
  since?: number;
  /** Newest first, from just below this version: a person reads the latest changes, then pages back. */
  before?: number;
  collection?: string;
  deviceId?: string;
  limit: number;
}

export interface AuditEntry {
  version: number;
  deviceId: string;
  /** Who: the member the device belongs to, and their name then as now. */
  memberId: string;
  memberName: string;
  collection: string;
  recordId: string;
  op: string;
  status: string;
  at: number;
}
