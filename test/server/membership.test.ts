import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { STORES, type StoreUnderTest } from './stores';

/** Power follows the person who holds it: invites and revocations, on both stores. */
describe.each(STORES)('membership on %s', (_name, open) => {
  let under: StoreUnderTest;
  let app: ReturnType<typeof createApp>;
  let owner: string;
  const call = (path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  const invite = async (token: string, json: Record<string, unknown>) =>
    (await (await call('/v1/invites', token, { method: 'POST', json })).json()) as { invite: string; inviteId: string };
  const redeem = async (link: string, label: string) =>
    call('/v1/invites/redeem', null, { method: 'POST', json: { invite: link, label } });
  const join = async (link: string, label: string) =>
    (await (await redeem(link, label)).json()) as { token: string; deviceId: string; memberId: string };

  beforeEach(async () => {
    under = await open();
    app = createApp({ store: under.store, publicUrl: 'https://sync.example.test' });
    const { teamId } = await under.store.createTeam('A');
    owner = (await under.store.createDeviceToken(teamId, 'owner', 'owner laptop')).token;
  });
  afterEach(async () => {
    await under.dispose();
  });

  it("never lets an admin revoke an owner's browser", async () => {
    const admin = await join((await invite(owner, { role: 'admin' })).invite, 'admin');
    const member = await join((await invite(owner, { role: 'member' })).invite, 'member');
    const devices = (await (await call('/v1/devices', owner)).json()).devices as { deviceId: string; role: string }[];
    const ownerDevice = devices.find((d) => d.role === 'owner')?.deviceId;
    const refused = await call(`/v1/devices/${ownerDevice}`, admin.token, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect((await call('/v1/pull', owner)).status).toBe(200);
    // Admins still revoke members' browsers, and owners anyone's.
    expect((await call(`/v1/devices/${member.deviceId}`, admin.token, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/v1/devices/${admin.deviceId}`, owner, { method: 'DELETE' })).status).toBe(200);
  });

  it('revokes the open invites of a removed member: theirs no longer make admins', async () => {
    const admin = await join((await invite(owner, { role: 'admin' })).invite, 'admin');
    const made = await invite(admin.token, { role: 'admin', maxUses: 5 });
    const used = await join(made.invite, 'first admin made by them');
    expect(used.token).toMatch(/^sac_/);
    expect((await call(`/v1/members/${admin.memberId}`, owner, { method: 'DELETE' })).status).toBe(200);
    expect((await redeem(made.invite, 'second admin made by them')).status).toBe(404);
    const listed = (await (await call('/v1/invites', owner)).json()).invites as { inviteId: string; revokedAt: number | null }[];
    expect(listed.find((i) => i.inviteId === made.inviteId)?.revokedAt).toEqual(expect.any(Number));
  });

  it('revokes the "add my other browser" invite of a revoked browser', async () => {
    const member = await join((await invite(owner, { role: 'member' })).invite, 'laptop');
    const other = (await (await call('/v1/invites/browser', member.token, { method: 'POST' })).json()) as { invite: string };
    expect((await call(`/v1/devices/${member.deviceId}`, owner, { method: 'DELETE' })).status).toBe(200);
    expect((await redeem(other.invite, 'desktop')).status).toBe(404);
  });

  it('a person leaving from their last browser leaves Members; with another browser, or as the owner, they stay', async () => {
    const members = async () =>
      ((await (await call('/v1/members', owner)).json()).members as { memberId: string; removedAt: number | null }[])
        .filter((m) => m.removedAt === null)
        .map((m) => m.memberId);
    const ana = await join((await invite(owner, { role: 'member' })).invite, 'Ana laptop');
    const laptopLeft = await call(`/v1/devices/${ana.deviceId}`, ana.token, { method: 'DELETE' });
    expect(await laptopLeft.json()).toEqual({ revoked: ana.deviceId, memberRemoved: true });
    expect(await members()).not.toContain(ana.memberId);
    expect((await call('/v1/pull', ana.token)).status).toBe(401);

    const ben = await join((await invite(owner, { role: 'member' })).invite, 'Ben laptop');
    const other = (await (await call('/v1/invites/browser', ben.token, { method: 'POST' })).json()) as { invite: string };
    const desktop = await join(other.invite, 'Ben desktop');
    expect(desktop.memberId).toBe(ben.memberId);
    expect(await (await call(`/v1/devices/${ben.deviceId}`, ben.token, { method: 'DELETE' })).json()).toMatchObject({
      memberRemoved: false,
    });
    expect(await members()).toContain(ben.memberId);
    expect((await call('/v1/pull', desktop.token)).status).toBe(200);

    const owners = async (token: string) =>
      (
        (await (await call('/v1/members', token)).json()).members as {
          memberId: string;
          removedAt: number | null;
          devices: { role: string }[];
        }[]
      )
        .filter((m) => m.removedAt === null && m.devices.some((d) => d.role === 'owner'))
        .map((m) => m.memberId);
    const ownerMembers = await owners(owner);
    expect(ownerMembers).toHaveLength(1);
    const ownerDevice = ((await (await call('/v1/devices', owner)).json()).devices as { deviceId: string; role: string }[]).find(
      (d) => d.role === 'owner',
    )?.deviceId;
    expect(await (await call(`/v1/devices/${ownerDevice}`, owner, { method: 'DELETE' })).json()).toMatchObject({
      memberRemoved: false,
    });
    // The team keeps its owner (to be let in again by an admin's invite for that member).
    expect(await owners(desktop.token)).toEqual(ownerMembers);
  });

  it('makes no unlimited invites: 1 to 100 uses, at most 30 days', async () => {
    for (const bad of [{ maxUses: null }, { maxUses: 0 }, { maxUses: 101 }, { expiresInHours: 24 * 30 + 1 }]) {
      const res = await call('/v1/invites', owner, { method: 'POST', json: { role: 'member', ...bad } });
      expect(res.status).toBe(400);
    }
    const most = await call('/v1/invites', owner, {
      method: 'POST',
      json: { role: 'viewer', maxUses: 100, expiresInHours: 720 },
    });
    expect(most.status).toBe(201);
    expect(await most.json()).toMatchObject({ maxUses: 100 });
  });
});
