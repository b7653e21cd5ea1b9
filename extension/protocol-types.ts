import type { QuotaState } from '../shared/quota';
import type { ShopAccessRequest } from '../shared/schemas';
import type { Collection } from '../shared/sync-protocol';

/**
 * The types messages carry between content scripts, extension pages and the background, beside
 * their schemas (message-schemas.ts): no implementation is imported here, so a content script's
 * helper, the background and the pages share these without depending on each other's code.
 */

export interface TspRequestRow {
  partner: string;
  /** TikTok's own request id or the submission time: whatever tells two requests to one partner apart. */
  reference: string;
  status: string;
}

export interface StatusChange {
  id: string;
  from: string;
  to: string;
  /** A jump the request flow does not allow (shared/statuses.ts): stored as seen, and flagged. */
  unexpected?: boolean;
}

export interface PartnerAccessRow {
  businessCenterName: string;
  businessCenterId?: string;
  /** Manager, Ad promotion, ...: read when the page shows it. */
  permission?: string;
  status: string;
}

export interface Candidate {
  code: string;
  name?: string;
  source: 'captured' | 'pasted';
}

export interface BcOverview {
  orgId: string;
  /** The Business Center's name, once one of its pages showed it. */
  name?: string;
  /** Known shops assigned to other Business Centers only: not offered here. */
  elsewhere: number;
  quota: QuotaState & { timeZone: string; limitReached: boolean };
  candidates: Candidate[];
  requests: ShopAccessRequest[];
}

export interface BatchPlan {
  sendNow: string[];
  queued: string[];
  skipped: { code: string; reason: string }[];
  /** Said when the team's shared claims, not this browser's own count, held requests back. */
  teamNote?: string;
  /** The quota day the plan counted in (the team's claims are per day). */
  day: string;
}

export type RequestOutcome =
  | { ok: true; approvalLink?: string }
  | { ok: false; kind: 'invalid' | 'limit' | 'already' | 'other'; error: string };

export interface ListedShop {
  code: string;
  name?: string;
  pending: boolean;
  /** When the list says the request was made (or the shop added), where it shows that. */
  requestedAt?: number;
}

/** What the popup and dashboard show of sync; kept in storage, since the worker may stop at any time. */
export interface SyncStatus {
  state: 'off' | 'syncing' | 'synced' | 'offline' | 'revoked' | 'paused';
  lastSyncAt: number | null;
  lastError: string | null;
  pending: number;
  /** Records refused from the team (invalid) in the last sync, with why. */
  refused: string[];
  /** This browser's changes a teammate's edit overruled, most recent first (kept across syncs, at most 20). */
  conflicts: Overruled[];
  /** Changes set aside because the server refused them (malformed, or failing on them): how many, and which. */
  rejected: number;
  setAside?: string[];
}

export type PublicConnection = Omit<SyncConnection, 'token'>;

/** Where one record this browser changed stands with the team. */
export type RecordTeamState =
  | { kind: 'solo' }
  | { kind: 'shared' }
  | { kind: 'waiting'; why: string | null }
  | { kind: 'setAside'; why: string };

/** What became of a shop capture in the team: the page says this, not what it hoped. */
export type ShopTeamState = RecordTeamState | { kind: 'overruled'; name?: string; by?: string };

/** A change of this browser's that a teammate's edit overruled: what was lost, to whom, when. */
export interface Overruled {
  collection: Collection;
  id: string;
  /** The fields that kept the team's value; empty when a teammate deleted the record. */
  fields: string[];
  /** This browser's values for them; the whole record when a teammate deleted it. */
  mine: Record<string, unknown>;
  /** Fields this browser had cleared (they are absent from `mine`). */
  cleared?: string[];
  /** The team's values that stayed (a field absent here is one the team has empty). */
  theirs: Record<string, unknown>;
  /** The version that won, and who made it then, from the team's audit log. */
  version: number;
  by?: string;
  at?: number;
  deleted?: boolean;
}

/** Where this browser syncs, as the invite redemption gave it. */
export interface SyncConnection {
  serverUrl: string;
  token: string;
  teamId: string;
  /** Absent for a browser that joined before the server said it. */
  teamName?: string;
  memberId: string;
  deviceId: string;
  role: string;
  name: string;
  label: string;
}
