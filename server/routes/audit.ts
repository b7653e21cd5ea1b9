import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireDevice } from '../auth';
import type { Store } from '../store/store';
import { validate } from '../validate';

export const AuditQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  /** Newest first, below this version (Number.MAX_SAFE_INTEGER for the latest). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  collection: z.string().max(64).optional(),
  device: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Every accepted mutation of the caller's team, with who made it: oldest first, or newest first below `before`. */
export function auditRoutes(store: Store) {
  return new Hono<AuthEnv>().get('/', requireDevice(store), validate('query', AuditQuerySchema), async (c) => {
    const q = c.req.valid('query');
    const entries = await store.audit(c.get('principal').teamId, {
      since: q.since,
      before: q.before,
      collection: q.collection,
      deviceId: q.device,
      limit: q.limit,
    });
    return c.json({ entries });
  });
}
