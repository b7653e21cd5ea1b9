import { defineExtensionMessaging } from '@webext-core/messaging';
import type { AuthorizationRow } from '../shared/authorization-badge';
import type { DateOrder } from '../shared/page-dates';
import type { Shop, ShopCapture } from '../shared/schemas';
import type { RejectedCandidate } from '../shared/shop-code';
import type { ShopTeamState } from './background/shop-team-state';
import type { PublicConnection, SyncStatus } from './background/sync-runner';
import type { BatchPlan, BcOverview, ListedShop, RequestOutcome } from './db/access-requests';
import type { PartnerAccessRow, StatusChange, TspRequestRow } from './db/requests';
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

/** Every message between content scripts, extension pages and the background, in one typed map. */
interface ProtocolMap {
  captureShop(capture: ShopCapture): CaptureResult;
  /** Waits (up to `waitMs`) for the capture's change to reach the team, and says what became of it. */
  shopTeamState(data: { capture: ShopCapture; waitMs: number }): ShopTeamState;
  resolveShop(query: PageShopQuery): Shop | null;
  shopSummary(query: PageShopQuery): ShopSummary;
  recordAuthorizations(data: { shopCode: string; rows: AuthorizationRow[]; order: DateOrder; pageUrl: string }): {
    stored: number;
  };
  recordTspRequests(data: { shopCode?: string; rows: TspRequestRow[] }): StatusChange[];
  recordPartnerAccess(data: { shopCode: string; rows: PartnerAccessRow[] }): { stored: number };
  pageStarted(data: { url: string }): void;
  reportHelper(report: HelperReport): void;
  helperReports(data: { tabId: number }): HelperReport[];
  runExpiryCheck(): { notified: number };
  getSettings(): Settings;
  bcOverview(data: { orgId: string }): BcOverview;
  planRequests(data: { orgId: string; codes: string[] }): BatchPlan;
  releaseClaims(data: { orgId: string; day: string; count: number }): void;
  recordRequestOutcome(data: { orgId: string; code: string; outcome: RequestOutcome }): void;
  applyShopList(data: { orgId: string; shops: ListedShop[] }): { changed: number };
  recordResend(data: { orgId: string; code: string; via: 'email' | 'link' }): void;
  addIntake(data: { text: string }): { added: string[]; rejected: RejectedCandidate[] };
  saveSettings(settings: Settings): Settings;
  syncStatus(): SyncView;
  syncJoin(data: { invite: string; name: string; label: string }): PublicConnection;
  syncLeave(): void;
  syncNow(): SyncView;
  /** Keep mine: puts this browser's overruled values back, the `index`th of the listed conflicts. */
  syncKeepMine(data: { index: number }): SyncView;
  teamMembers(): { members: TeamMember[] };
  teamRemoveMember(data: { memberId: string }): { removed: string; revokedDevices: string[] };
  teamInvite(data: { role: 'admin' | 'member' | 'viewer' }): TeamInvite;
  teamBrowserInvite(): TeamInvite;
  teamCalendar(data: { action: 'rotate' | 'revoke' }): { url?: string; revoked?: boolean };
}

export interface TeamMember {
  memberId: string;
  name: string;
  removedAt: number | null;
  devices: { deviceId: string; label: string; role: string; lastSeenAt: number | null; revokedAt: number | null }[];
}

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
