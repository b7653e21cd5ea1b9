import { Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { z } from 'zod';
import { jsonError } from '../errors';
import type { Store } from '../store/store';
import { validate } from '../validate';

export const RedeemSchema = z.object({
  invite: z.string().min(8).max(500),
  /** This browser, as the team's device list shows it. */
  label: z.string().trim().min(1).max(100),
  /** The person, when the invite makes a new member (an invite to add a browser already names one). */
  name: z.string().trim().min(1).max(100).optional(),
});

/** The code of an invite link (".../join#inv_...") or the bare code. */
function inviteCode(invite: string): string {
  return invite.includes('#') ? invite.slice(invite.lastIndexOf('#') + 1) : invite;
}

/** The one route without a token: a member's browser joins its team with an invite. Rate limited. */
export function inviteRoutes(store: Store, clientKey: (c: import('hono').Context) => string) {
  return new Hono().post(
    '/redeem',
    rateLimiter({
      windowMs: 60_000,
      limit: 20,
      keyGenerator: clientKey,
      handler: (c) => jsonError(c, 429, 'rate_limited', 'Too many attempts; wait a minute.'),
    }),
    validate('json', RedeemSchema),
    async (c) => {
      const { invite, label, name } = c.req.valid('json');
      const joined = await store.redeemInvite(inviteCode(invite), label, name);
      if (!joined) return jsonError(c, 404, 'invite_invalid', 'This invite is unknown, used up, expired or revoked.');
      return c.json(joined);
    },
  );
}
