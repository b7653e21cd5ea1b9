import { normalizeWords } from './page-words';

/**
 * The statuses TikTok shows, as named in its help pages (../shared/seeds), and the changes between
 * them that the flows allow. Pages are read, not driven, so a change outside these lists is still
 * recorded; `isExpectedTransition` lets the UI flag it instead of hiding it.
 */

export const TSP_REQUEST_STATUSES = ['partner_reviewing', 'partner_accepted', 'connected', 'closed', 'rejected'] as const;
export type TspRequestStatus = (typeof TSP_REQUEST_STATUSES)[number];

export const TSP_AUTHORIZATION_STATUSES = ['active', 'completed', 'authorization_canceled', 'closed'] as const;
export type TspAuthorizationStatus = (typeof TSP_AUTHORIZATION_STATUSES)[number];

/** A Business Center's request for access to a shop, as the agency's side sees it. */
export const SHOP_ACCESS_STATUSES = ['queued', 'pending', 'approved', 'expired', 'failed', 'removed'] as const;
export type ShopAccessStatus = (typeof SHOP_ACCESS_STATUSES)[number];

/** Business Center access to a shop, as the seller sees it under Ads > Partner Management. */
export const PARTNER_ACCESS_STATUSES = ['pending', 'approved', 'rejected', 'expired', 'removed'] as const;
export type PartnerAccessStatus = (typeof PARTNER_ACCESS_STATUSES)[number];

export const SERVICE_TYPES = ['custom', 'public'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export type StatusKind = 'tspRequest' | 'tspAuthorization' | 'shopAccess' | 'partnerAccess' | 'serviceType';

type Transitions<S extends string> = Record<S, readonly S[]>;

const TSP_REQUEST_TRANSITIONS: Transitions<TspRequestStatus> = {
  partner_reviewing: ['partner_accepted', 'rejected', 'closed'],
  partner_accepted: ['connected', 'closed'],
  connected: ['closed'],
  closed: [],
  rejected: [],
};

const TSP_AUTHORIZATION_TRANSITIONS: Transitions<TspAuthorizationStatus> = {
  // Renewal keeps a service active; a new authorization link brings a lapsed or canceled one back.
  active: ['completed', 'authorization_canceled', 'closed'],
  completed: ['active'],
  authorization_canceled: ['active'],
  // Closed means the partner was removed from the platform: nothing follows.
  closed: [],
};

const SHOP_ACCESS_TRANSITIONS: Transitions<ShopAccessStatus> = {
  queued: ['pending', 'failed'],
  // A resend keeps a request pending; "expired" is the other method winning on the same shop.
  pending: ['approved', 'expired', 'removed'],
  // An acknowledged request never expires (seed 004); it only ends when access is removed.
  approved: ['removed'],
  expired: ['queued'],
  failed: ['queued'],
  removed: ['queued'],
};

const PARTNER_ACCESS_TRANSITIONS: Transitions<PartnerAccessStatus> = {
  pending: ['approved', 'rejected', 'expired'],
  approved: ['removed'],
  rejected: ['pending'],
  expired: ['pending'],
  removed: ['pending'],
};

const TRANSITIONS = {
  tspRequest: TSP_REQUEST_TRANSITIONS,
  tspAuthorization: TSP_AUTHORIZATION_TRANSITIONS,
  shopAccess: SHOP_ACCESS_TRANSITIONS,
  partnerAccess: PARTNER_ACCESS_TRANSITIONS,
} as const;

type KindStatus = {
  tspRequest: TspRequestStatus;
  tspAuthorization: TspAuthorizationStatus;
  shopAccess: ShopAccessStatus;
  partnerAccess: PartnerAccessStatus;
  serviceType: ServiceType;
};

export function isExpectedTransition<K extends keyof typeof TRANSITIONS>(
  kind: K,
  from: KindStatus[K],
  to: KindStatus[K],
): boolean {
  if (from === to) return true;
  return (TRANSITIONS[kind] as Transitions<string>)[from]?.includes(to) ?? false;
}

/** The words TikTok prints, lower-cased with spaces collapsed, mapped to our statuses. */
const LABELS: { [K in StatusKind]: Record<string, KindStatus[K]> } = {
  tspRequest: {
    'partner reviewing': 'partner_reviewing',
    'partner accepted': 'partner_accepted',
    connected: 'connected',
    closed: 'closed',
    rejected: 'rejected',
  },
  tspAuthorization: {
    active: 'active',
    completed: 'completed',
    expired: 'completed',
    'authorization canceled': 'authorization_canceled',
    'authorization cancelled': 'authorization_canceled',
    closed: 'closed',
  },
  shopAccess: {
    'pending approval': 'pending',
    pending: 'pending',
    approved: 'approved',
    active: 'approved',
    expired: 'expired',
  },
  partnerAccess: {
    pending: 'pending',
    'pending approval': 'pending',
    approved: 'approved',
    'access granted': 'approved',
    active: 'approved',
    rejected: 'rejected',
    declined: 'rejected',
    expired: 'expired',
    removed: 'removed',
    'access removed': 'removed',
  },
  serviceType: {
    'custom service': 'custom',
    custom: 'custom',
    'public service': 'public',
    public: 'public',
  },
};

export type StatusRead<S> = { known: true; status: S; raw: string } | { known: false; raw: string };

/** Reads a status label from page text; unknown text is returned as unknown with the raw text kept. */
export function readStatus<K extends StatusKind>(kind: K, text: string): StatusRead<KindStatus[K]> {
  const raw = text;
  const key = normalizeWords(text);
  const status = (LABELS[kind] as Record<string, KindStatus[K]>)[key];
  return status === undefined ? { known: false, raw } : { known: true, status, raw };
}

/** Whether a page text is a status word of any of these kinds; normalised once, for every text of a page. */
export function isStatusWord(text: string, kinds: readonly StatusKind[]): boolean {
  if (/\d/.test(text)) return false;
  const key = normalizeWords(text);
  return kinds.some((kind) => (LABELS[kind] as Record<string, string>)[key] !== undefined);
}

/** Statuses after which a TSP authorization no longer counts down. */
export function isAuthorizationCountingDown(status: TspAuthorizationStatus): status is 'active' {
  return status === 'active';
}
