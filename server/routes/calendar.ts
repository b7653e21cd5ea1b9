import { Hono } from 'hono';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import { calendarFeed } from '../calendar';
import { jsonError } from '../errors';
import type { Store } from '../store/store';

/** The secret calendar URL: created or rotated (the old one stops), and revoked. Admins only. */
export function calendarAdminRoutes(store: Store, publicUrl: string) {
  return new Hono<AuthEnv>()
    .use(requireDevice(store), requireRole('admin'))
    .post('/', async (c) => {
      const { secret } = await store.rotateCalendarSecret(c.get('principal').teamId);
      return c.json({ url: `${publicUrl.replace(/\/$/, '')}/calendar/${secret}.ics` }, 201);
    })
    .delete('/', async (c) => {
      await store.revokeCalendarSecret(c.get('principal').teamId);
      return c.json({ revoked: true });
    });
}

/** The feed itself: the secret in the URL is the credential, since calendar apps cannot send a token. */
export function calendarFeedRoutes(store: Store) {
  return new Hono<AuthEnv>().get('/:file', async (c) => {
    const secret = c.req.param('file').replace(/\.ics$/, '');
    const teamId = /^cal_[A-Za-z0-9_-]{20,}$/.test(secret) ? await store.teamOfCalendarSecret(secret) : null;
    if (!teamId) {
      c.set('authFailed', true);
      return jsonError(c, 404, 'not_found', 'No calendar at this address (it may have been revoked).');
    }
    return c.body(calendarFeed(store, teamId), 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
    });
  });
}
