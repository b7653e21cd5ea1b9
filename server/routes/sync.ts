import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PullQuerySchema, PushRequestSchema } from '../../shared/sync-protocol';
import { type AuthEnv, requireRole } from '../auth';
import { jsonError } from '../errors';
import type { Store } from '../store/store';
import { validate } from '../validate';

export const MAX_PUSH_BYTES = 1024 * 1024;

/** Push and pull, the whole sync protocol over HTTP. */
export function syncRoutes(store: Store, onCommit: (teamId: string, version: number) => void) {
  return new Hono<AuthEnv>()
    .post(
      '/push',
      requireRole('member'),
      bodyLimit({
        maxSize: MAX_PUSH_BYTES,
        onError: (c) => jsonError(c, 413, 'too_large', `A push may be at most ${MAX_PUSH_BYTES} bytes; split it.`),
      }),
      validate('json', PushRequestSchema),
      async (c) => {
        const principal = c.get('principal');
        const results = await store.push(principal, c.req.valid('json'));
        const last = Math.max(0, ...results.map((r) => ('version' in r ? r.version : 0)));
        if (last > 0) onCommit(principal.teamId, last);
        return c.json({ results });
      },
    )
    .get('/pull', validate('query', PullQuerySchema), async (c) => {
      const { since, limit, purgedThrough } = c.req.valid('query');
      const body = await store.pullJson(c.get('principal').teamId, since, limit, purgedThrough);
      return c.body(body, 200, { 'content-type': 'application/json' });
    });
}
