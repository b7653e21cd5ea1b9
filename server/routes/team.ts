import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireRole } from '../auth';
import { jsonError } from '../errors';
import { ROLES, type Store } from '../store/store';
import { validate } from '../validate';

export const InviteRequestSchema = z.object({
  role: z.enum(ROLES).exclude(['owner']).default('member'),
  maxUses: z.number().int().min(1).max(1000).nullable().default(1),
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(72),
});
export const AuditQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().optional(),
  collection: z.string().max(64).optional(),
  device: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Devices, invites and the audit log of the caller's own team; never another team's. */
export function teamRoutes(store: Store, publicUrl: string, onRevoke: (teamId: string, deviceId: string) => void) {
  return new Hono<AuthEnv>()
    .get('/devices', async (c) => c.json({ devices: await store.listDevices(c.get('principal').teamId) }))
    .delete('/devices/:id', async (c) => {
      const principal = c.get('principal');
      const id = c.req.param('id');
      const self = id === principal.deviceId;
      if (!self && principal.role !== 'owner' && principal.role !== 'admin') {
        return jsonError(c, 403, 'forbidden', 'Only owners and admins revoke other devices.');
      }
      if (!(await store.revokeDevice(principal.teamId, id)))
        return jsonError(c, 404, 'not_found', 'No such active device in your team.');
      onRevoke(principal.teamId, id);
      return c.json({ revoked: id });
    })
    .post('/invites', requireRole('admin'), validate('json', InviteRequestSchema), async (c) => {
      const { role, maxUses, expiresInHours } = c.req.valid('json');
      const expiresAt = Date.now() + expiresInHours * 3_600_000;
      const { code } = await store.createInvite(c.get('principal').teamId, role, { maxUses, expiresAt });
      return c.json({ invite: inviteLink(publicUrl, code), role, maxUses, expiresAt }, 201);
    })
    .get('/audit', validate('query', AuditQuerySchema), async (c) => {
      const q = c.req.valid('query');
      const entries = await store.audit(c.get('principal').teamId, {
        since: q.since,
        collection: q.collection,
        deviceId: q.device,
        limit: q.limit,
      });
      return c.json({ entries });
    });
}

/** What a member pastes into the extension: the server's address and the code, in one link. */
export function inviteLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/$/, '')}/join#${code}`;
}

/** The secret calendar URL: created or rotated (the old one stops), and revoked. Admins only. */
export function calendarAdminRoutes(store: Store, publicUrl: string) {
  return new Hono<AuthEnv>()
    .post('/calendar', requireRole('admin'), async (c) => {
      const { secret } = await store.rotateCalendarSecret(c.get('principal').teamId);
      return c.json({ url: `${publicUrl.replace(/\/$/, '')}/calendar/${secret}.ics` }, 201);
    })
    .delete('/calendar', requireRole('admin'), async (c) => {
      await store.revokeCalendarSecret(c.get('principal').teamId);
      return c.json({ revoked: true });
    });
}
