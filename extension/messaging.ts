import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AuditEntry } from '../server/store/store';
import type { Shop } from '../shared/schemas';
import type { RejectedCandidate } from '../shared/shop-code';
import type { MessageInput, MessageName } from './message-schemas';
import type { BatchPlan, BcOverview, PublicConnection, ShopTeamState, StatusChange, SyncStatus } from './protocol-types';
import type { Settings } from './settings';

export interface CaptureResult {
  created: boolean;
  shop: Shop;
}

/** Where a Seller Center tab is, so the background can tell which shop it shows. */
export interface PageShopQuery {
  host: string;
  headerText: string;
}

export interface ShopSummary {
  shop: Shop | null;
  expiringSoon: number;
  windowDays: number;
  myServicesUrl?: string;
}

/** What one helper found on the page it is on, for the diagnostics view. */
export interface HelperReport {
  helper: string;
  state: 'active' | 'unavailable' | 'waiting';
  detail: string[];
  url: string;
}

/**
 * Every message between content scripts, extension pages and the background, in one typed map.
 * Each parameter type is its schema's input (message-schemas.ts), so the two cannot drift; who may
 * send it, and its validation, are checked at the background's one door.
 */
export interface ProtocolMap {
  captureShop(capture: MessageInput<'captureShop'>): CaptureResult;
  /** Waits (up to `waitMs`) for the capture's change to reach the team, and says what became of it. */
  shopTeamState(data: MessageInput<'shopTeamState'>): ShopTeamState;
  resolveShop(query: MessageInput<'resolveShop'>): Shop | null;
  shopSummary(query: MessageInput<'shopSummary'>): ShopSummary;
  /** `gone`: services no longer listed (a complete list only); `back`: listed again. */
  recordAuthorizations(data: MessageInput<'recordAuthorizations'>): { stored: number; gone: string[]; back: string[] };
  recordTspRequests(data: MessageInput<'recordTspRequests'>): StatusChange[];
  /** `gone`: Business Centers removed (a complete list only); `added`: new since the last visit. */
  recordPartnerAccess(data: MessageInput<'recordPartnerAccess'>): {
    stored: number;
    gone: string[];
    /** Names of the Business Centers new since the last visit, and their row keys (id, else name) to mark them. */
    added: string[];
    addedKeys: string[];
  };
  pageStarted(data: MessageInput<'pageStarted'>): void;
  reportHelper(report: MessageInput<'reportHelper'>): void;
  helperReports(data: MessageInput<'helperReports'>): HelperReport[];
  runExpiryCheck(): { notified: number };
  getSettings(): Settings;
  /** Injects a script part (the overlays' views, the list helpers) into the asking frame's content-script world. */
  loadScriptPart(data: MessageInput<'loadScriptPart'>): void;
  bcOverview(data: MessageInput<'bcOverview'>): BcOverview;
  planRequests(data: MessageInput<'planRequests'>): BatchPlan;
  releaseClaims(data: MessageInput<'releaseClaims'>): void;
  recordRequestOutcome(data: MessageInput<'recordRequestOutcome'>): void;
  /** `lost`: shops gone from a complete Shops list (access lost, or a pending request withdrawn). */
  applyShopList(data: MessageInput<'applyShopList'>): { changed: number; lost: string[] };
  recordResend(data: MessageInput<'recordResend'>): void;
  /** false: no such authorization is stored (My Services was never saved for this shop). */
  markRenewalAsked(data: MessageInput<'markRenewalAsked'>): boolean;
  addIntake(data: MessageInput<'addIntake'>): { added: string[]; rejected: RejectedCandidate[] };
  removeIntake(data: MessageInput<'removeIntake'>): void;
  /** The seller confirmed a partner's authorization link: watch the expiry its duration gives. */
  recordLinkAuthorization(data: MessageInput<'recordLinkAuthorization'>): { expiresAt: number };
  saveSettings(settings: MessageInput<'saveSettings'>): Settings;
  syncStatus(): SyncView;
  /** `shared`: how many of this browser's records the join queued for the team. */
  syncJoin(data: MessageInput<'syncJoin'>): PublicConnection & { shared: number };
  syncLeave(): { serverTold: boolean };
  syncNow(): SyncView;
  /** Keep mine: puts this browser's overruled values back, the `index`th of the listed conflicts. */
  syncKeepMine(data: MessageInput<'syncKeepMine'>): SyncView;
  teamMembers(): { members: TeamMember[] };
  /** The team's audit log, newest first: 200 entries below `before` (the latest without it). */
  teamAudit(data: MessageInput<'teamAudit'>): { entries: TeamAuditEntry[] };
  teamRemoveMember(data: MessageInput<'teamRemoveMember'>): { removed: string; revokedDevices: string[] };
  teamInvite(data: MessageInput<'teamInvite'>): TeamInvite;
  teamBrowserInvite(): TeamInvite;
  teamCalendar(data: MessageInput<'teamCalendar'>): { url?: string; revoked?: boolean };
  teamInvites(): { invites: OpenInvite[] };
  teamRevokeInvite(data: MessageInput<'teamRevokeInvite'>): { revoked: string };
}

/** An invite of the team as the server lists it (by the hash of its code, never the code). */
export interface OpenInvite {
  inviteId: string;
  role: string;
  maxUses: number | null;
  uses: number;
  expiresAt: number;
  revokedAt: number | null;
  memberId: string | null;
  createdBy: string | null;
}

/** Every message has its rule and every rule its message: a compile error otherwise. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PROTOCOL_NAMES_MATCH: Same<keyof ProtocolMap, MessageName> = true;

export interface TeamMember {
  memberId: string;
  name: string;
  removedAt: number | null;
  devices: { deviceId: string; label: string; role: string; lastSeenAt: number | null; revokedAt: number | null }[];
}

/** Audit entries the background asks the server for at a time. */
export const TEAM_AUDIT_PAGE = 200;

/** One accepted change as the server's audit log keeps it: who (member and browser), what, when. */
export type TeamAuditEntry = AuditEntry;

export interface TeamInvite {
  invite: string;
  role: string;
  expiresAt: number;
}

export interface SyncView {
  connection: PublicConnection | null;
  status: SyncStatus;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
