import { describe, expect, it } from 'vitest';
import { isManager, isRole, mayRemove, memberRole, RANK, ROLES, type Role } from '../../shared/team-roles';

describe("a team's roles", () => {
  it('are ranked owner > admin > member > viewer, and only owners and admins manage', () => {
    expect([...ROLES].sort((a, b) => RANK[b] - RANK[a])).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(ROLES.filter(isManager)).toEqual(['owner', 'admin']);
    expect(['owner', 'viewer', 'Owner', 'root', '', null, 3].map(isRole)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('let a manager remove anyone at or below their own role, never above; others remove no one', () => {
    const table = Object.fromEntries(
      ROLES.map((actor) => [actor, [...ROLES, null].filter((target) => mayRemove(actor, target)).map(String)]),
    );
    expect(table).toEqual({
      owner: ['owner', 'admin', 'member', 'viewer', 'null'],
      admin: ['admin', 'member', 'viewer', 'null'],
      member: [],
      viewer: [],
    });
  });

  it('give a member the highest role any of their browsers held, kept when every browser has left', () => {
    const devices = (...roles: string[]) => roles.map((role) => ({ role, revokedAt: 1 }));
    expect(memberRole(devices('member', 'owner', 'admin'))).toBe('owner');
    expect(memberRole(devices('viewer'))).toBe('viewer');
    expect(memberRole([])).toBeNull();
    // A role this release does not know (a later server's) ranks as nothing rather than as anything.
    expect(memberRole(devices('auditor'))).toBeNull();
    expect(memberRole(devices('auditor', 'member'))).toBe('member');
    for (const role of ROLES) expect(memberRole(devices(role))).toBe<Role>(role);
  });
});
