import { z } from 'zod';
import { ACCESS_METHODS } from './access-methods';
import { MARKETS } from './markets';
import {
  PARTNER_ACCESS_STATUSES,
  SERVICE_TYPES,
  SHOP_ACCESS_STATUSES,
  TSP_AUTHORIZATION_STATUSES,
  TSP_REQUEST_STATUSES,
} from './statuses';

/**
 * Every field is bounded, so a record that passes can be read by anyone (a calendar, a browser on
 * the last release): bounds are loose enough that whatever the extension has ever written passes.
 */
export const LATEST_TIMESTAMP = Date.UTC(2200, 0, 1);
/** Milliseconds since the epoch. Client clocks are for display; the server stamps what orders. */
const Timestamp = z.number().int().nonnegative().max(LATEST_TIMESTAMP);
/** A date read from a page: the date reader takes years 2000 to 2100 only (a day of slack for time zones). */
const PageDate = z
  .number()
  .int()
  .min(Date.UTC(1999, 11, 31))
  .max(Date.UTC(2101, 0, 2));
const PageText = z.string().trim().max(500);
/** Ids the extension derives (codes, org ids, "org:code:method"): as long as the protocol allows. */
const RecordId = z.string().max(300);
/** A quota day, YYYY-MM-DD; not checked by pattern, so an older browser's value still passes. */
const Day = z.string().max(32);
/** Lists that grow with events (status changes, resends): long enough for years of use. */
const MAX_EVENTS = 1000;
/** What happened to a record over time (shared/presence.ts): optional, so older records still validate. */
const History = z
  .array(z.object({ at: Timestamp, event: z.string().max(40), detail: PageText.optional() }))
  .max(MAX_EVENTS)
  .optional();
/** Presence in TikTok's list: when last seen in it, and when a complete list was first seen without it. */
const ListedAt = Timestamp.optional();
const LostAt = Timestamp.optional();

/** TikTok's org_id, digits only in every URL seen. */
const OrgId = z.string().regex(/^\d{6,25}$/, 'Business Center id: the digits of org_id');
/** A team member's id, as the team's server gives it. */
const MemberId = z.string().min(1).max(100);

/** Upper-case letters and digits; the strict pattern lives in shop-code.ts, this is the storage rule. */
export const ShopCodeSchema = z.string().regex(/^[A-Z0-9]{6,20}$/, 'shop code: 6 to 20 upper-case letters or digits');

export const ShopSchema = z.object({
  shopCode: ShopCodeSchema,
  name: PageText.optional(),
  /** The market the shop sells in, from its code or its Seller Center host. */
  region: z.enum(MARKETS).optional(),
  sellerType: z.enum(['local', 'cross_border']),
  sellerCenterHost: z.string().max(253).optional(),
  /** False when the code does not fit the usual pattern and was kept because the page labelled it. */
  standardCode: z.boolean().default(true),
  firstSeenAt: Timestamp,
  lastSeenAt: Timestamp,
  /** The Business Centers that should request this shop (an agency's client belongs to some); absent: all of them. */
  businessCenters: z.array(OrgId).max(100).optional(),
  /** The team member who looks after this shop: only their browsers notify for it. */
  owner: z.object({ memberId: MemberId, name: PageText }).optional(),
});
export type Shop = z.infer<typeof ShopSchema>;

/** What a content script reports after reading Seller information; the background stamps times. */
export const ShopCaptureSchema = ShopSchema.omit({ firstSeenAt: true, lastSeenAt: true, businessCenters: true, owner: true });
export type ShopCapture = z.infer<typeof ShopCaptureSchema>;

export const BusinessCenterSchema = z.object({
  orgId: OrgId,
  name: PageText.optional(),
  quotaTimeZone: z.string().max(100).default('UTC'),
  /** The quota day on which TikTok said the daily limit was reached; nothing more is sent that day. */
  limitReachedDay: Day.optional(),
  lastSeenAt: Timestamp,
  /** When this browser last read the whole Shops list: a shop new since, on the same quota day, was requested that day. */
  listReadAt: Timestamp.optional(),
});
export type BusinessCenter = z.infer<typeof BusinessCenterSchema>;

export const ShopAccessRequestSchema = z.object({
  /** Derived from (orgId, shopCode, method) so two members' offline records merge. */
  id: RecordId,
  businessCenterId: OrgId,
  /** The Business Center's name once a page showed it, so every member sees a name, not only digits. */
  businessCenterName: PageText.optional(),
  shopCode: ShopCodeSchema,
  method: z.enum(ACCESS_METHODS),
  status: z.enum(SHOP_ACCESS_STATUSES),
  requestedBy: PageText.optional(),
  requestedAt: Timestamp.optional(),
  approvalLink: z.url().max(2048).optional(),
  lastError: PageText.optional(),
  /** What kind of error TikTok showed, so the panel can say what to do next. */
  errorKind: z.enum(['invalid', 'limit', 'already', 'other']).optional(),
  /** The quota day a queued request waits for. */
  queuedFor: Day.optional(),
  resends: z
    .array(z.object({ at: Timestamp, via: z.enum(['email', 'link']) }))
    .max(MAX_EVENTS)
    .default([]),
  updatedAt: Timestamp,
  /** Seen in the Shops list but never sent by this extension: a request made by hand in Business Center. */
  byHand: z.boolean().optional(),
  /** First seen in the Shops list: a request made by hand is at least this old, whether or not its day is known. */
  firstSeenAt: Timestamp.optional(),
  /** Last seen in Business Center's Shops list, and, once a complete list no longer shows it, when. */
  listedAt: ListedAt,
  lostAt: LostAt,
  history: History,
});
export type ShopAccessRequest = z.infer<typeof ShopAccessRequestSchema>;

export function shopAccessRequestId(businessCenterId: string, shopCode: string, method: string): string {
  return `${businessCenterId}:${shopCode}:${method}`;
}

const StatusHistory = <S extends z.ZodType>(status: S) =>
  z
    // unexpected: a jump the seeds' flow does not allow (Rejected back to Partner reviewing), recorded as seen and flagged.
    .array(z.object({ status, rawStatus: PageText, seenAt: Timestamp, unexpected: z.boolean().optional() }))
    .max(MAX_EVENTS)
    .default([]);

export const TspRequestSchema = z.object({
  id: RecordId,
  shopCode: ShopCodeSchema.optional(),
  partner: PageText,
  status: z.enum(TSP_REQUEST_STATUSES).nullable(),
  rawStatus: PageText,
  history: StatusHistory(z.enum(TSP_REQUEST_STATUSES).nullable()),
  lastSeenAt: Timestamp,
});
export type TspRequest = z.infer<typeof TspRequestSchema>;

export const TspAuthorizationSchema = z.object({
  id: RecordId,
  shopCode: ShopCodeSchema,
  serviceName: PageText,
  partner: PageText,
  serviceType: z.enum(SERVICE_TYPES).nullable(),
  status: z.enum(TSP_AUTHORIZATION_STATUSES).nullable(),
  rawStatus: PageText,
  authorizedAt: PageDate.nullable(),
  expiresAt: PageDate.nullable(),
  /** The page's own text for the dates, kept when it could not be read. */
  rawAuthorizedAt: PageText.optional(),
  rawExpiresAt: PageText.optional(),
  lastSeenAt: Timestamp,
  /** No longer listed on a complete My Services: it stops counting down and reminding. */
  lostAt: LostAt,
  history: History,
  /** A renewal the seller follows: asked for a link, link received (marked by hand), renewed (a later expiry read). */
  renewal: z
    .object({ askedAt: Timestamp.optional(), linkReceivedAt: Timestamp.optional(), renewedAt: Timestamp.optional() })
    .optional(),
});
export type TspAuthorization = z.infer<typeof TspAuthorizationSchema>;

export const PartnerAccessSchema = z.object({
  id: RecordId,
  shopCode: ShopCodeSchema,
  businessCenterName: PageText,
  businessCenterId: z.string().max(64).optional(),
  /** Manager, Ad promotion, ...: what the Business Center may do, as the page words it. */
  permission: PageText.optional(),
  status: z.enum(PARTNER_ACCESS_STATUSES).nullable(),
  rawStatus: PageText,
  lastSeenAt: Timestamp,
  /** No longer listed on a complete Partner Management list: the Business Center was removed. */
  lostAt: LostAt,
  firstSeenAt: Timestamp.optional(),
  history: History,
});
export type PartnerAccess = z.infer<typeof PartnerAccessSchema>;

/**
 * The schema of each collection a team shares, by the sync protocol's names. The server checks
 * every pushed field against it; browsers check every record they receive.
 */
export const SHARED_RECORD_SCHEMAS = {
  shops: ShopSchema,
  authorizations: TspAuthorizationSchema,
  tspRequests: TspRequestSchema,
  partnerAccess: PartnerAccessSchema,
  accessRequests: ShopAccessRequestSchema,
} as const;
