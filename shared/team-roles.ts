/** A team's roles, most powerful first. */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Role order: each role can do everything the ones before it can. */
export const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** Owners and admins manage the team: invite, remove, rotate the calendar link. */
export const isManager = (role: Role) => RANK[role] >= RANK.admin;

/**
 * A member's role: the highest their browsers were given. A member whose browsers have all left
 * keeps it (an owner with no browser is still the team's owner, and still cannot be removed by an admin).
 */
export function memberRole(devices: readonly { role: string }[]): Role | null {
  let best: Role | null = null;
  for (const { role } of devices) if (isRole(role) && (best === null || RANK[role] > RANK[best])) best = role;
  return best;
}

/**
 * Whether `actor` may remove a member (or revoke a browser) that holds `target`: managers may, and
 * never one above themselves (an admin removing an owner would take the team from its owner).
 * Anyone may remove themselves; that is Leave, not this rule.
 */
export function mayRemove(actor: Role, target: Role | null): boolean {
  return isManager(actor) && (target === null || RANK[target] <= RANK[actor]);
}
