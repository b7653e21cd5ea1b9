import { Hono } from 'hono';
import { mayRemove } from '../../shared/team-roles';
import { type AuthEnv, requireDevice } from '../auth';
import { jsonError } from '../errors';
import type { Store } from '../store/store';

export type OnRevoke = (teamId: string, deviceId: string) => void;

/**
 * The team's browsers. Power follows the person who holds it: an admin revokes members' and
 * admins' browsers, never an owner's (that would lock the owner out), as with removing members.
 * A browser may always sign itself out (Leave).
 */
export function deviceRoutes(store: Store, onRevoke: OnRevoke) {
  return new Hono<AuthEnv>()
    .use(requireDevice(store))
    .get('/', async (c) => c.json({ devices: await store.listDevices(c.get('principal').teamId) }))
    .delete('/:id', async (c) => {
      const principal = c.get('principal');
      const id = c.req.param('id');
      if (id !== principal.deviceId) {
        const target = (await store.listDevices(principal.teamId)).find((d) => d.deviceId === id && d.revokedAt === null);
        if (!mayRemove(principal.role, target?.role ?? null)) {
          return jsonError(c, 403, 'forbidden', "Owners and admins revoke other browsers; admins cannot revoke an owner's.");
        }
      }
      if (id === principal.deviceId && principal.role !== 'owner') {
        // A person leaving from their last browser leaves the team: Members would otherwise list
        // them, with no browser, beside the member they become when they join again. An owner stays
        // (the team would have none); a person with another browser stays with that one.
        const others = (await store.listDevices(principal.teamId)).filter(
          (d) => d.memberId === principal.memberId && d.deviceId !== id && d.revokedAt === null,
        );
        const removed = others.length === 0 ? await store.removeMember(principal.teamId, principal.memberId) : null;
        if (removed) {
          for (const deviceId of removed.revokedDevices) onRevoke(principal.teamId, deviceId);
          return c.json({ revoked: id, memberRemoved: true });
        }
      }
      if (!(await store.revokeDevice(principal.teamId, id)))
        return jsonError(c, 404, 'not_found', 'No such active device in your team.');
      onRevoke(principal.teamId, id);
      return c.json({ revoked: id, memberRemoved: false });
    });
}
