import { Hono } from 'hono';
import { mayRemove, memberRole } from '../../shared/team-roles';
import { type AuthEnv, requireDevice } from '../auth';
import { jsonError } from '../errors';
import type { DeviceInfo, MemberInfo, Store } from '../store/store';
import type { OnRevoke } from './devices';

/** The caller's team's members, each with their browsers; removing one signs every browser of theirs out. */
export function memberRoutes(store: Store, onRevoke: OnRevoke) {
  return new Hono<AuthEnv>()
    .use(requireDevice(store))
    .get('/', async (c) => {
      const { teamId } = c.get('principal');
      const [members, devices] = await Promise.all([store.listMembers(teamId), store.listDevices(teamId)]);
      return c.json({ members: membersWithDevices(members, devices) });
    })
    .delete('/:id', async (c) => {
      const principal = c.get('principal');
      const id = c.req.param('id');
      const devices = await store.listDevices(principal.teamId);
      const theirs = devices.filter((d) => d.memberId === id);
      if (id !== principal.memberId && !mayRemove(principal.role, memberRole(theirs))) {
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
    });
}

/** Each member with their browsers, so removing one is a single, informed click. */
export function membersWithDevices(members: MemberInfo[], devices: DeviceInfo[]) {
  const known = new Set(members.map((m) => m.memberId));
  // Devices from before members existed are each their own member, named by their label.
  const orphans = devices
    .filter((d) => !known.has(d.memberId))
    .map((d) => ({ memberId: d.memberId, name: d.label, createdAt: d.createdAt, removedAt: d.revokedAt }));
  return [...members, ...orphans].map((m) => ({ ...m, devices: devices.filter((d) => d.memberId === m.memberId) }));
}
