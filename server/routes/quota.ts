import { Hono } from 'hono';
import { z } from 'zod';
import { DAILY_REQUEST_QUOTA } from '../../shared/quota';
import { BusinessCenterSchema } from '../../shared/schemas';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import type { Store } from '../store/store';
import { validate } from '../validate';

export const QuotaClaimSchema = z.object({
  businessCenterId: BusinessCenterSchema.shape.orgId,
  /** The quota day as the browser counts it (YYYY-MM-DD in the Business Center's stated time zone). */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'day: YYYY-MM-DD'),
  count: z.number().int().min(1).max(DAILY_REQUEST_QUOTA),
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
      const { businessCenterId, day, count } = c.req.valid('json');
      const result = await store.claimQuota(c.get('principal').teamId, businessCenterId, day, count, DAILY_REQUEST_QUOTA);
      return c.json({ ...result, limit: DAILY_REQUEST_QUOTA });
    })
    .post('/release', validate('json', QuotaClaimSchema), async (c) => {
      const { businessCenterId, day, count } = c.req.valid('json');
      return c.json(await store.releaseQuota(c.get('principal').teamId, businessCenterId, day, count));
    });
}
