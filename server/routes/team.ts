import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, RANK, requireRole } from '../auth';
import { jsonError } from '../errors';
import { type DeviceInfo, type MemberInfo, ROLES, type Role, type Store } from '../store/store';
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

const isManager = (role: Role) => RANK[role] >= RANK.admin;

/** Members, devices, invites and the audit log of the caller's own team; never another team's. */
export function teamRoutes(store: Store, publicUrl: string, onRevoke: (teamId: string, deviceId: string) => void) {
  return new Hono<AuthEnv>()
    .get('/members', async (c) => {
      const { teamId } = c.get('principal');
      const [members, devices] = await Promise.all([store.listMembers(teamId), store.listDevices(teamId)]);
      return c.json({ members: membersWithDevices(members, devices) });
    })
    .delete('/members/:id', async (c) => {
      const principal = c.get('principal');
      const id = c.req.param('id');
      const devices = await store.listDevices(principal.teamId);
      const theirs = devices.filter((d) => d.memberId === id);
      const theirRank = Math.max(-1, ...theirs.map((d) => RANK[d.role]));
      if (id !== principal.memberId && (!isManager(principal.role) || theirRank > RANK[principal.role])) {
        return jsonError(
          c,
          403,
          'forbidden',
          'Owners and admins remove members (admins cannot remove owners); anyone can leave.',
        );
      }
      const removed =
        (await store.removeMember(principal.teamId, id)) ??
        // A device from before members existed is its own member.
        (theirs.length === 1 && theirs[0]?.deviceId === id && (await store.revokeDevice(principal.teamId, id))
          ? { revokedDevices: [id] }
          : null);
      if (!removed) return jsonError(c, 404, 'not_found', 'No such member in your team.');
      for (const deviceId of removed.revokedDevices) onRevoke(principal.teamId, deviceId);
      return c.json({ removed: id, revokedDevices: removed.revokedDevices });
    })
    .get('/devices', async (c) => c.json({ devices: await store.listDevices(c.get('principal').teamId) }))
    .delete('/devices/:id', async (c) => {
      const principal = c.get('principal');
      const id = c.req.param('id');
      const self = id === principal.deviceId;
      if (!self && !isManager(principal.role)) {
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
      const { code, inviteId } = await store.createInvite(c.get('principal').teamId, role, { maxUses, expiresAt });
      return c.json({ invite: inviteLink(publicUrl, code), inviteId, role, maxUses, expiresAt }, 201);
    })
    .post('/invites/browser', async (c) => {
      // Any member adds their own other browser: single use, one day, their role, their member.
      const { teamId, role, memberId } = c.get('principal');
      const expiresAt = Date.now() + BROWSER_INVITE_HOURS * 3_600_000;
      const { code, inviteId } = await store.createInvite(teamId, role, { maxUses: 1, expiresAt, memberId });
      return c.json({ invite: inviteLink(publicUrl, code), inviteId, role, maxUses: 1, expiresAt, memberId }, 201);
    })
    .get('/invites', requireRole('admin'), async (c) => c.json({ invites: await store.listInvites(c.get('principal').teamId) }))
    .delete('/invites/:id', requireRole('admin'), async (c) => {
      if (!(await store.revokeInvite(c.get('principal').teamId, c.req.param('id'))))
        return jsonError(c, 404, 'not_found', 'No such active invite in your team.');
      return c.json({ revoked: c.req.param('id') });
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

export const BROWSER_INVITE_HOURS = 24;

/** Each member with their browsers, so removing one is a single, informed click. */
export function membersWithDevices(members: MemberInfo[], devices: DeviceInfo[]) {
  const known = new Set(members.map((m) => m.memberId));
  // Devices from before members existed are each their own member, named by their label.
  const orphans = devices
    .filter((d) => !known.has(d.memberId))
    .map((d) => ({ memberId: d.memberId, name: d.label, createdAt: d.createdAt, removedAt: d.revokedAt }));
  return [...members, ...orphans].map((m) => ({ ...m, devices: devices.filter((d) => d.memberId === m.memberId) }));
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
