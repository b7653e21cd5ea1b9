import { Hono } from 'hono';
import { z } from 'zod';
import { DAILY_REQUEST_QUOTA } from '../../shared/quota';
import { BusinessCenterSchema, ShopCodeSchema } from '../../shared/schemas';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import type { Store } from '../store/store';
import { validate } from '../validate';

export const QuotaReleaseSchema = z.object({
  businessCenterId: BusinessCenterSchema.shape.orgId,
  /** The quota day as the browser counts it (YYYY-MM-DD in the Business Center's stated time zone). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: YYYY-MM-DD'),
  count: z.number().int().min(1).max(DAILY_REQUEST_QUOTA),
});

export const QuotaClaimSchema = QuotaReleaseSchema.extend({
  /**
   * Requests already made by hand, seen in the Shops list: each counts once for the team that day,
   * however many members' browsers saw it before they synced.
   */
  shopCodes: z.array(ShopCodeSchema).min(1).max(DAILY_REQUEST_QUOTA).optional(),
}).refine((claim) => !claim.shopCodes || claim.shopCodes.length === claim.count, {
  message: 'count must be the number of shop codes claimed',
  path: ['count'],
});

/**
 * Business Center's 20 requests a day are shared by every member: before a batch, a browser
 * claims what it will send, so two members sending at the same moment cannot both take the last
 * slots; what TikTok refused is given back.
 */
export function quotaRoutes(store: Store) {
  return new Hono<AuthEnv>()
    .use(requireDevice(store), requireRole('member'))
    .post('/claim', validate('json', QuotaClaimSchema), async (c) => {
      const { businessCenterId, day, count, shopCodes } = c.req.valid('json');
      const { teamId } = c.get('principal');
      const result = await store.claimQuota(teamId, businessCenterId, day, count, DAILY_REQUEST_QUOTA, shopCodes);
      return c.json({ ...result, limit: DAILY_REQUEST_QUOTA });
    })
    .post('/release', validate('json', QuotaReleaseSchema), async (c) => {
      const { businessCenterId, day, count } = c.req.valid('json');
      return c.json(await store.releaseQuota(c.get('principal').teamId, businessCenterId, day, count));
    });
}
