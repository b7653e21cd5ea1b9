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
  rows: z.array(z.object({ businessCenterName: Text, businessCenterId: Text.optional(), status: Text })).max(5000),
});

export const HelperReportSchema = z.object({
  helper: z.string().max(100),
  state: z.enum(['active', 'unavailable', 'waiting']),
  detail: z.array(Text).max(20),
  url: z.string().max(2000),
});
