import { Hono } from 'hono';
import { z } from 'zod';
import { CLAIM_KEY, DAILY_REQUEST_QUOTA } from '../../shared/quota';
import { BusinessCenterSchema } from '../../shared/schemas';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import type { Store } from '../store/store';
import { validate } from '../validate';

const QuotaDay = z.object({
  businessCenterId: BusinessCenterSchema.shape.orgId,
  /** The quota day as the browser counts it (YYYY-MM-DD in the Business Center's stated time zone). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: YYYY-MM-DD'),
  count: z.number().int().min(1).max(DAILY_REQUEST_QUOTA),
  /** The shops the requests are for, kept for the day (see Store.claimQuota); `CODE#2` for a shop asked for again. */
  shopCodes: z
    .array(z.string().regex(CLAIM_KEY, 'shop code: 6 to 20 upper-case letters or digits, then #n for a shop asked for again'))
    .min(1)
    .max(DAILY_REQUEST_QUOTA)
    .optional(),
});
const codesCounted = {
  check: (body: { count: number; shopCodes?: string[] }) => !body.shopCodes || body.shopCodes.length === body.count,
  message: { message: 'count must be the number of shop codes given', path: ['count'] },
};

export const QuotaReleaseSchema = QuotaDay.refine(codesCounted.check, codesCounted.message);

export const QuotaClaimSchema = QuotaDay.extend({
  /**
   * Requests already made, seen in the Shops list (not about to be sent): only codes the team has
   * not claimed that day count, however many members' browsers saw them before they synced.
   */
  madeByHand: z.boolean().optional(),
}).refine(codesCounted.check, codesCounted.message);

/**
 * Business Center's 20 requests a day are shared by every member: before a batch, a browser
 * claims what it will send, so two members sending at the same moment cannot both take the last
 * slots; what TikTok refused is given back.
 */
export function quotaRoutes(store: Store) {
  return new Hono<AuthEnv>()
    .use(requireDevice(store), requireRole('member'))
    .post('/claim', validate('json', QuotaClaimSchema), async (c) => {
      const { businessCenterId, day, count, shopCodes, madeByHand } = c.req.valid('json');
      const { teamId } = c.get('principal');
      const limit = DAILY_REQUEST_QUOTA;
      const result = await store.claimQuota(teamId, businessCenterId, day, count, limit, shopCodes, madeByHand === true);
      return c.json({ ...result, limit: DAILY_REQUEST_QUOTA });
    })
    .post('/release', validate('json', QuotaReleaseSchema), async (c) => {
      const { businessCenterId, day, count, shopCodes } = c.req.valid('json');
      return c.json(await store.releaseQuota(c.get('principal').teamId, businessCenterId, day, count, shopCodes));
    });
}
