import { type Context, Hono } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { z } from 'zod';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import { jsonError } from '../errors';
import { ROLES, type Store } from '../store/store';
import { validate } from '../validate';

export const RedeemSchema = z.object({
  invite: z.string().min(8).max(500),
  /** This browser, as the team's device list shows it. */
  label: z.string().trim().min(1).max(100),
  /** The person, when the invite makes a new member (an invite to add a browser already names one). */
  name: z.string().trim().min(1).max(100).optional(),
});

/** An invite is a standing power to add people: bounded in uses and time, never open-ended. */
export const MAX_INVITE_USES = 100;
export const MAX_INVITE_HOURS = 24 * 30;
export const BROWSER_INVITE_HOURS = 24;

export const InviteRequestSchema = z.object({
  role: z.enum(ROLES).exclude(['owner']).default('member'),
  maxUses: z.number().int().min(1).max(MAX_INVITE_USES).default(1),
  expiresInHours: z.number().int().min(1).max(MAX_INVITE_HOURS).default(72),
});

/** The code of an invite link (".../join#inv_...") or the bare code. */
function inviteCode(invite: string): string {
  return invite.includes('#') ? invite.slice(invite.lastIndexOf('#') + 1) : invite;
}

/** What a member pastes into the extension: the server's address and the code, in one link. */
export function inviteLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/join#${code}`;
}

/**
 * Invites: redeemed without a token (rate limited: the only door a stranger may knock on), made and
 * listed by admins, or by anyone for their own other browser. Each belongs to the device that made
 * it and dies with it.
 */
export function inviteRoutes(store: Store, publicUrl: string, clientKey: (c: Context) => string) {
  const device = requireDevice(store);
  return new Hono<AuthEnv>()
    .post(
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
    )
    .post('/', device, requireRole('admin'), validate('json', InviteRequestSchema), async (c) => {
      const { role, maxUses, expiresInHours } = c.req.valid('json');
      const { teamId, deviceId } = c.get('principal');
      const expiresAt = Date.now() + expiresInHours * 3_600_000;
      const { code, inviteId } = await store.createInvite(teamId, role, { maxUses, expiresAt, createdBy: deviceId });
      return c.json({ invite: inviteLink(publicUrl, code), inviteId, role, maxUses, expiresAt }, 201);
    })
    .post('/browser', device, async (c) => {
      // Any member adds their own other browser: single use, one day, their role, their member.
      const { teamId, role, memberId, deviceId } = c.get('principal');
      const expiresAt = Date.now() + BROWSER_INVITE_HOURS * 3_600_000;
      const { code, inviteId } = await store.createInvite(teamId, role, { maxUses: 1, expiresAt, memberId, createdBy: deviceId });
      return c.json({ invite: inviteLink(publicUrl, code), inviteId, role, maxUses: 1, expiresAt, memberId }, 201);
    })
    .get('/', device, requireRole('admin'), async (c) => c.json({ invites: await store.listInvites(c.get('principal').teamId) }))
    .delete('/:id', device, requireRole('admin'), async (c) => {
      if (!(await store.revokeInvite(c.get('principal').teamId, c.req.param('id'))))
        return jsonError(c, 404, 'not_found', 'No such active invite in your team.');
      return c.json({ revoked: c.req.param('id') });
    });
}
