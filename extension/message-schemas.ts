import { z } from 'zod';

/** Content scripts run beside a page we do not control: the background checks what they send. */
const Text = z.string().max(500);

export const PageShopQuerySchema = z.object({ host: z.string().max(253), headerText: z.string().max(4000) });

export const AuthorizationRowsSchema = z.object({
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
    z.object({ ok: z.literal(true), approvalLink: z.url().max(2000).optional() }),
    z.object({ ok: z.literal(false), kind: z.enum(['invalid', 'limit', 'already', 'other']), error: Text }),
  ]),
});
export const ShopListSchema = z.object({
  orgId: OrgId,
  shops: z.array(z.object({ code: Code, name: Text.optional(), pending: z.boolean() })).max(5000),
});
export const ResendSchema = z.object({ orgId: OrgId, code: Code, via: z.enum(['email', 'link']) });
export const IntakeSchema = z.object({ text: z.string().max(200_000) });
export const JoinSchema = z.object({
  invite: z.string().trim().min(1, 'Paste the invite link.').max(2000),
  name: z.string().trim().min(1, 'Say who you are, as your team will see it.').max(100),
  label: z.string().trim().min(1, 'Name this browser.').max(100),
});
export const RemoveMemberSchema = z.object({ memberId: z.string().min(1).max(100) });
export const TeamInviteSchema = z.object({ role: z.enum(['admin', 'member', 'viewer']) });
export const CalendarActionSchema = z.object({ action: z.enum(['rotate', 'revoke']) });
export const ReleaseClaimsSchema = z.object({
  orgId: OrgId,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  count: z.number().int().min(1).max(20),
});
