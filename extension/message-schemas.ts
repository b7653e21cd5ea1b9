import { z } from 'zod';
import { isTikTokLink } from '../shared/markets';
import { ShopCaptureSchema } from '../shared/schemas';
import { SCRIPT_PART_NAMES } from './script-parts';
import { SettingsSchema } from './settings-schema';

/** Content scripts run beside a page we do not control: the background checks what they send. */
const Text = z.string().max(500);
/** Whether the list read was complete (list-completeness.ts); only then may anything be marked gone. */
const Completeness = { complete: z.boolean().optional(), incompleteWhy: Text.optional() };

export const PageShopQuerySchema = z.object({ host: z.string().max(253), headerText: z.string().max(4000) });

export const AuthorizationRowsSchema = z.object({
  ...Completeness,
  shopCode: z.string().regex(/^[A-Z0-9]{6,20}$/),
  order: z.enum(['month-first', 'day-first', 'unknown']),
  pageUrl: z.url().max(2000),
  rows: z
    .array(
      z.object({
        serviceName: Text,
        partner: Text,
        serviceType: Text.optional(),
        status: Text.optional(),
        authorizedAt: Text.optional(),
        expiresAt: Text.optional(),
      }),
    )
    .max(5000),
});

export const TspRequestRowsSchema = z.object({
  shopCode: z
    .string()
    .regex(/^[A-Z0-9]{6,20}$/)
    .optional(),
  rows: z.array(z.object({ partner: Text, reference: Text, status: Text })).max(5000),
});

export const PartnerAccessRowsSchema = z.object({
  ...Completeness,
  shopCode: z.string().regex(/^[A-Z0-9]{6,20}$/),
  rows: z
    .array(z.object({ businessCenterName: Text, businessCenterId: Text.optional(), permission: Text.optional(), status: Text }))
    .max(5000),
});

export const HelperReportSchema = z.object({
  helper: z.string().max(100),
  state: z.enum(['active', 'unavailable', 'waiting']),
  detail: z.array(Text).max(20),
  url: z.string().max(2000),
});

const OrgId = z.string().regex(/^\d{6,25}$/, 'Business Center id: the digits of org_id');
const Code = z.string().regex(/^[A-Z0-9]{6,20}$/);

export const OrgSchema = z.object({ orgId: OrgId });
export const PlanSchema = z.object({ orgId: OrgId, codes: z.array(Code).max(500) });
export const OutcomeSchema = z.object({
  orgId: OrgId,
  code: Code,
  outcome: z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      approvalLink: z.url().max(2000).refine(isTikTokLink, 'The approval link is not on a TikTok host.').optional(),
    }),
    z.object({ ok: z.literal(false), kind: z.enum(['invalid', 'limit', 'already', 'other']), error: Text }),
  ]),
});
export const ShopListSchema = z.object({
  ...Completeness,
  orgId: OrgId,
  shops: z
    .array(z.object({ code: Code, name: Text.optional(), pending: z.boolean(), requestedAt: z.number().int().min(0).optional() }))
    .max(5000),
  /** The Business Center's name, when its page shows it. */
  name: Text.optional(),
});
export const ResendSchema = z.object({ orgId: OrgId, code: Code, via: z.enum(['email', 'link']) });
/** orgId: pasted in that Business Center's panel, so offered only there (an agency's client belongs to some). */
export const IntakeSchema = z.object({ text: z.string().max(200_000), orgId: OrgId.optional() });
export const JoinSchema = z.object({
  invite: z.string().trim().min(1, 'Paste the invite link.').max(2000),
  name: z.string().trim().min(1, 'Say who you are, as your team will see it.').max(100),
  label: z.string().trim().min(1, 'Name this browser.').max(100),
  /** Ticked: also share the records kept from a team this browser left. */
  sharePrevious: z.boolean().optional(),
});
export const RemoveMemberSchema = z.object({ memberId: z.string().min(1).max(100) });
export const TeamInviteSchema = z.object({ role: z.enum(['admin', 'member', 'viewer']) });
export const CalendarActionSchema = z.object({ action: z.enum(['rotate', 'revoke']) });
export const ReleaseClaimsSchema = z.object({
  orgId: OrgId,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.number().int().min(1).max(20),
});

/** A message that carries nothing. */
const Nothing = z.undefined().or(z.null());

/**
 * Who may send each message, and what its data must be. `content`: the helpers on TikTok's pages
 * (and the extension's own pages); `extension`: only the extension's own pages (popup, dashboard),
 * never a content script, whose page may be hostile or whose renderer may be compromised. The
 * background's one door (background/message-door.ts) checks both before any handler runs.
 */
export const MESSAGE_RULES = {
  captureShop: { from: 'content', data: ShopCaptureSchema },
  shopTeamState: { from: 'content', data: z.object({ capture: ShopCaptureSchema, waitMs: z.number().min(0).max(60_000) }) },
  resolveShop: { from: 'content', data: PageShopQuerySchema },
  shopSummary: { from: 'content', data: PageShopQuerySchema },
  recordAuthorizations: { from: 'content', data: AuthorizationRowsSchema },
  recordTspRequests: { from: 'content', data: TspRequestRowsSchema },
  recordPartnerAccess: { from: 'content', data: PartnerAccessRowsSchema },
  pageStarted: { from: 'content', data: z.object({ url: z.string().max(2000) }) },
  reportHelper: { from: 'content', data: HelperReportSchema },
  getSettings: { from: 'content', data: Nothing },
  loadScriptPart: { from: 'content', data: z.object({ part: z.enum(SCRIPT_PART_NAMES) }) },
  bcOverview: { from: 'content', data: OrgSchema },
  planRequests: { from: 'content', data: PlanSchema },
  releaseClaims: { from: 'content', data: ReleaseClaimsSchema },
  recordRequestOutcome: { from: 'content', data: OutcomeSchema },
  applyShopList: { from: 'content', data: ShopListSchema },
  recordResend: { from: 'content', data: ResendSchema },
  addIntake: { from: 'content', data: IntakeSchema },
  removeIntake: { from: 'content', data: z.object({ code: z.string().regex(/^[A-Z0-9]{6,20}$/), orgId: OrgId.optional() }) },
  recordLinkAuthorization: {
    from: 'content',
    data: z.object({
      shopCode: z.string().regex(/^[A-Z0-9]{6,20}$/),
      serviceName: Text.min(1),
      partner: Text.min(1),
      amount: z.number().int().min(1).max(3650),
      unit: z.enum(['day', 'month', 'year']),
    }),
  },
  // The panel's "Ask for a renewal link" copied the message: the renewal is under way.
  markRenewalAsked: {
    from: 'content',
    data: z.object({ shopCode: z.string().regex(/^[A-Z0-9]{6,20}$/), serviceName: Text.min(1), partner: Text }),
  },
  helperReports: { from: 'extension', data: z.object({ tabId: z.number().int().min(0) }) },
  runExpiryCheck: { from: 'extension', data: Nothing },
  saveSettings: { from: 'extension', data: SettingsSchema },
  syncStatus: { from: 'extension', data: Nothing },
  syncJoin: { from: 'extension', data: JoinSchema },
  syncLeave: { from: 'extension', data: Nothing },
  syncNow: { from: 'extension', data: Nothing },
  syncKeepMine: { from: 'extension', data: z.object({ index: z.number().int().min(0).max(1000) }) },
  teamMembers: { from: 'extension', data: Nothing },
  teamAudit: { from: 'extension', data: z.object({ before: z.number().int().positive().optional() }) },
  teamRemoveMember: { from: 'extension', data: RemoveMemberSchema },
  teamInvite: { from: 'extension', data: TeamInviteSchema },
  teamBrowserInvite: { from: 'extension', data: Nothing },
  teamCalendar: { from: 'extension', data: CalendarActionSchema },
  teamInvites: { from: 'extension', data: Nothing },
  teamRevokeInvite: { from: 'extension', data: z.object({ inviteId: z.string().regex(/^[0-9a-f]{64}$/) }) },
} as const satisfies Record<string, { from: 'content' | 'extension'; data: z.ZodType }>;

export type MessageName = keyof typeof MESSAGE_RULES;
/** What a sender passes; the protocol map's parameter types are these, so a schema cannot drift from its type. */
export type MessageInput<K extends MessageName> = z.input<(typeof MESSAGE_RULES)[K]['data']>;
/** What a handler receives, after the door parsed it. */
export type MessageData<K extends MessageName> = z.output<(typeof MESSAGE_RULES)[K]['data']>;
