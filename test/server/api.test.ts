import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { FAILED_AUTH_PER_MINUTE } from '../../server/auth';
import type { Store } from '../../server/store/store';
import { STORES, type StoreUnderTest } from './stores';

const SHOP = {
  mutationId: 'm-0001-abcdef',
  collection: 'shops',
  id: 'USLCQPEV3N',
  baseVersion: 0,
  op: 'upsert',
  fields: { name: 'Maple' },
};

describe.each(STORES)('HTTP API on %s', (_name, open) => {
  let under: StoreUnderTest;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let member: string;
  let viewer: string;
  let owner: string;
  let other: string;
  const call = (path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  const push = (token: string, mutations: unknown[], clientId = 'client-0001') =>
    call('/v1/push', token, { method: 'POST', json: { clientId, mutations } });

  beforeEach(async () => {
    under = await open();
    store = under.store;
    app = createApp({ store, publicUrl: 'https://sync.example.test' });
    const { teamId } = await store.createTeam('A');
    member = (await store.createDeviceToken(teamId, 'member', 'm')).token;
    viewer = (await store.createDeviceToken(teamId, 'viewer', 'v')).token;
    owner = (await store.createDeviceToken(teamId, 'owner', 'o')).token;
    other = (await store.createDeviceToken((await store.createTeam('B')).teamId, 'owner', 'b')).token;
  });
  afterEach(async () => {
    await under.dispose();
  });

  it('pushes and pulls with a device token', async () => {
    const res = await push(member, [SHOP]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ mutationId: SHOP.mutationId, status: 'applied', version: 1 }] });
    const pulled = await (await call('/v1/pull?since=0', viewer)).json();
    expect(pulled).toMatchObject({ changes: [{ id: 'USLCQPEV3N', fields: { name: 'Maple' } }], next: 1, more: false });
  });

  it('answers a replayed push (its answer was lost) with the same results, applied once', async () => {
    const first = await (await push(member, [SHOP])).json();
    const again = await (await push(member, [SHOP])).json();
    expect(again).toEqual(first);
    expect((await (await call('/v1/pull', member)).json()).changes).toHaveLength(1);
  });

  it('keeps teams apart on every endpoint', async () => {
    await push(member, [SHOP]);
    expect((await (await call('/v1/pull', other)).json()).changes).toEqual([]);
    expect((await (await call('/v1/audit', other)).json()).entries).toEqual([]);
    const devices = (await (await call('/v1/devices', other)).json()).devices as { label: string; deviceId: string }[];
    expect(devices.map((d) => d.label)).toEqual(['b']);
    const mine = (await (await call('/v1/devices', owner)).json()).devices as { deviceId: string }[];
    // Team B's owner cannot revoke team A's device: to team B it does not exist.
    expect((await call(`/v1/devices/${mine[0]?.deviceId}`, other, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/v1/pull', owner)).status).toBe(200);
    // Same record id in team B is a different record.
    await push(other, [{ ...SHOP, mutationId: 'm-b-000001', fields: { name: 'Carol' } }]);
    expect((await (await call('/v1/pull', member)).json()).changes[0].fields).toEqual({ name: 'Maple' });
  });

  it('lets a viewer read but not write', async () => {
    const res = await push(viewer, [SHOP]);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('member') } });
  });

  it('revokes a device at once', async () => {
    const devices = (await (await call('/v1/devices', owner)).json()).devices as { deviceId: string; label: string }[];
    const m = devices.find((d) => d.label === 'm');
    expect((await call(`/v1/devices/${m?.deviceId}`, owner, { method: 'DELETE' })).status).toBe(200);
    expect((await call('/v1/pull', member)).status).toBe(401);
  });

  it('creates invites (admins only) that a browser redeems for a token', async () => {
    expect((await call('/v1/invites', member, { method: 'POST', json: {} })).status).toBe(403);
    const created = await (await call('/v1/invites', owner, { method: 'POST', json: { role: 'member', maxUses: 1 } })).json();
    expect(created.invite).toMatch(/^https:\/\/sync\.example\.test\/join#inv_/);
    const joined = await call('/v1/invites/redeem', null, {
      method: 'POST',
      json: { invite: created.invite, label: 'new browser' },
    });
    expect(joined.status).toBe(200);
    const { token } = await joined.json();
    expect((await call('/v1/pull', token)).status).toBe(200);
    const reused = await call('/v1/invites/redeem', null, { method: 'POST', json: { invite: created.invite, label: 'x' } });
    expect(reused.status).toBe(404);
    expect((await call('/v1/invites', owner, { method: 'POST', json: { role: 'owner' } })).status).toBe(400);
  });

  it("groups a member's browsers; removing the member revokes every one, and their pending invites", async () => {
    const created = await (await call('/v1/invites', owner, { method: 'POST', json: { role: 'member' } })).json();
    const redeem = (invite: string, json: Record<string, string>) =>
      call('/v1/invites/redeem', null, { method: 'POST', json: { invite, ...json } });
    const laptop = await (await redeem(created.invite, { label: 'Chrome on laptop', name: 'Dana' })).json();
    // From the laptop, Dana adds her desktop browser to herself.
    const browserInvite = await (await call('/v1/invites/browser', laptop.token, { method: 'POST' })).json();
    expect(browserInvite).toMatchObject({ role: 'member', maxUses: 1, memberId: laptop.memberId });
    const desktop = await (await redeem(browserInvite.invite, { label: 'Firefox on desktop' })).json();
    expect(desktop.memberId).toBe(laptop.memberId);
    const pending = await (await call('/v1/invites/browser', laptop.token, { method: 'POST' })).json();

    const members = (await (await call('/v1/members', member)).json()).members as {
      memberId: string;
      name: string;
      devices: { label: string }[];
    }[];
    const dana = members.find((m) => m.memberId === laptop.memberId);
    expect(dana?.name).toBe('Dana');
    expect(dana?.devices.map((d) => d.label)).toEqual(['Chrome on laptop', 'Firefox on desktop']);

    // A member cannot remove another; to team B's owner, Dana does not exist.
    expect((await call(`/v1/members/${laptop.memberId}`, member, { method: 'DELETE' })).status).toBe(403);
    expect((await call(`/v1/members/${laptop.memberId}`, other, { method: 'DELETE' })).status).toBe(404);
    const removed = await call(`/v1/members/${laptop.memberId}`, owner, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ removed: laptop.memberId, revokedDevices: [laptop.deviceId, desktop.deviceId] });
    expect((await call('/v1/pull', laptop.token)).status).toBe(401);
    expect((await call('/v1/pull', desktop.token)).status).toBe(401);
    expect((await redeem(pending.invite, { label: 'third browser' })).status).toBe(404);
    expect((await call(`/v1/members/${laptop.memberId}`, owner, { method: 'DELETE' })).status).toBe(404);
  });

  it('lets anyone leave, and never lets an admin remove an owner', async () => {
    const admin = (await (
      await call('/v1/invites/redeem', null, {
        method: 'POST',
        json: {
          invite: (await (await call('/v1/invites', owner, { method: 'POST', json: { role: 'admin' } })).json()).invite,
          label: 'admin',
        },
      })
    ).json()) as { token: string; memberId: string };
    const ownerId = ((await (await call('/v1/members', owner)).json()).members as { memberId: string; name: string }[]).find(
      (m) => m.name === 'o',
    )?.memberId;
    expect((await call(`/v1/members/${ownerId}`, admin.token, { method: 'DELETE' })).status).toBe(403);
    expect((await call(`/v1/members/${admin.memberId}`, admin.token, { method: 'DELETE' })).status).toBe(200);
    expect((await call('/v1/pull', admin.token)).status).toBe(401);
  });

  it('lists and revokes invites (admins only); a revoked invite joins no one', async () => {
    const created = await (await call('/v1/invites', owner, { method: 'POST', json: { role: 'viewer', maxUses: 100 } })).json();
    expect((await call('/v1/invites', member)).status).toBe(403);
    const listed = (await (await call('/v1/invites', owner)).json()).invites;
    expect(listed).toEqual([
      {
        inviteId: created.inviteId,
        role: 'viewer',
        maxUses: 100,
        uses: 0,
        expiresAt: created.expiresAt,
        revokedAt: null,
        memberId: null,
        // Who made it, by the name the team knows them by, for Settings' list of open invites.
        createdBy: 'o',
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.invite.split('#')[1]);
    expect((await call(`/v1/invites/${created.inviteId}`, other, { method: 'DELETE' })).status).toBe(404);
    expect((await call(`/v1/invites/${created.inviteId}`, owner, { method: 'DELETE' })).status).toBe(200);
    const late = await call('/v1/invites/redeem', null, { method: 'POST', json: { invite: created.invite, label: 'late' } });
    expect(late.status).toBe(404);
  });

  it("shares a Business Center's daily quota through claims: members may claim, viewers may not, bad input is refused", async () => {
    const claim = (token: string, json: unknown) => call('/v1/quota/claim', token, { method: 'POST', json });
    const body = { businessCenterId: '7000000000001', day: '2026-11-23', count: 15 };
    expect(await (await claim(member, body)).json()).toEqual({ granted: 15, claimed: 15, limit: 20 });
    expect(await (await claim(owner, body)).json()).toEqual({ granted: 5, claimed: 20, limit: 20 });
    expect((await claim(viewer, body)).status).toBe(403);
    expect(await (await claim(other, body)).json()).toMatchObject({ granted: 15 });
    for (const bad of [
      { ...body, businessCenterId: 'org-1' },
      { ...body, day: '23/11/2026' },
      { ...body, count: 21 },
      { ...body, count: 0 },
      { ...body, count: 2, shopCodes: ['USLCQPEV3N'] },
      { ...body, count: 1, shopCodes: ['not a code'] },
      { ...body, count: 1, shopCodes: ['USLCQPEV3N#'] },
      { ...body, count: 1, shopCodes: ['USLCQPEV3N#two'] },
    ]) {
      const res = await claim(member, bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
    }
    const released = await call('/v1/quota/release', member, { method: 'POST', json: { ...body, count: 3 } });
    expect(await released.json()).toEqual({ claimed: 17 });
    // A request made by hand, claimed by its shop code from two browsers, counts once.
    const byHand = { ...body, count: 1, shopCodes: ['USLCQPEV3N'], madeByHand: true };
    expect(await (await claim(member, byHand)).json()).toEqual({ granted: 1, claimed: 18, limit: 20 });
    expect(await (await claim(owner, byHand)).json()).toEqual({ granted: 0, claimed: 18, limit: 20 });
    // The same shop asked for again after its access was lost: a second request that day, counted once more.
    const again = { ...byHand, shopCodes: ['USLCQPEV3N#2'] };
    expect(await (await claim(member, again)).json()).toEqual({ granted: 1, claimed: 19, limit: 20 });
    expect(await (await claim(owner, again)).json()).toEqual({ granted: 0, claimed: 19, limit: 20 });
  });

  it('rate-limits invite redemption', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push(
        (await call('/v1/invites/redeem', null, { method: 'POST', json: { invite: 'inv_guess_000', label: 'x' } })).status,
      );
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('refuses an address after too many wrong tokens or calendar secrets, and no one else', async () => {
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const guesses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE + 1; i++) {
      guesses.push((await call('/v1/pull', `sac_guess_${i}`, from('198.51.100.7'))).status);
    }
    expect(guesses.slice(0, FAILED_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(guesses.at(-1)).toBe(429);
    expect(await (await call('/v1/pull', member, from('198.51.100.7'))).json()).toMatchObject({
      error: { code: 'rate_limited' },
    });
    // Calendar URLs share the budget: the same address is refused there too.
    expect((await call('/calendar/cal_guessguessguessguessguess.ics', null, from('198.51.100.7'))).status).toBe(429);
    // Successful requests never count against anyone, even a hundred at once from one address.
    const together = await Promise.all(Array.from({ length: 100 }, () => call('/v1/pull', member, from('203.0.113.9'))));
    expect(together.map((r) => r.status)).toEqual(Array(100).fill(200));
    const calendarGuesses: number[] = [];
    for (let i = 0; i < FAILED_AUTH_PER_MINUTE + 1; i++) {
      calendarGuesses.push((await call(`/calendar/cal_guess${i}guessguessguessguessguess.ics`, null, from('192.0.2.4'))).status);
    }
    expect(calendarGuesses.at(-2)).toBe(404);
    expect(calendarGuesses.at(-1)).toBe(429);
  });

  it('logs every accepted mutation with its device, filterable', async () => {
    await push(member, [SHOP, { ...SHOP, mutationId: 'm-0002-abcdef', collection: 'accessRequests', id: 'R1' }]);
    const all = (await (await call('/v1/audit?collection=accessRequests', owner)).json()).entries;
    expect(all).toEqual([
      {
        version: 2,
        deviceId: expect.any(String),
        memberId: expect.any(String),
        memberName: 'm',
        collection: 'accessRequests',
        recordId: 'R1',
        op: 'upsert',
        status: 'applied',
        at: expect.any(Number),
      },
    ]);
    // Newest first below a version, for a person reading the latest changes.
    const latest = (await (await call(`/v1/audit?before=${Number.MAX_SAFE_INTEGER}&limit=1`, owner)).json()).entries;
    expect(latest.map((e: { recordId: string }) => e.recordId)).toEqual(['R1']);
    const older = (await (await call('/v1/audit?before=2', owner)).json()).entries;
    expect(older.map((e: { version: number }) => e.version)).toEqual([1]);
    const refused = await call('/v1/audit?before=0', owner);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toMatch(/before/);
  });

  it.each([
    ['no token', '/v1/pull', {}, 401, 'unauthenticated', null],
    ['a wrong token', '/v1/pull', {}, 401, 'unauthenticated', 'sac_wrong'],
    ['a negative since', '/v1/pull?since=-1', {}, 400, 'invalid_request', 'member'],
    ['a huge limit', '/v1/pull?limit=999999', {}, 400, 'invalid_request', 'member'],
    [
      'a body that is not JSON',
      '/v1/push',
      { method: 'POST', body: '{nope', headers: { 'content-type': 'application/json' } },
      400,
      'invalid_json',
      'member',
    ],
    ['no mutations list', '/v1/push', { method: 'POST', json: { clientId: 'client-0001' } }, 400, 'invalid_request', 'member'],
    [
      'an unknown collection',
      '/v1/push',
      { method: 'POST', json: { clientId: 'client-0001', mutations: [{ ...SHOP, collection: 'secrets' }] } },
      400,
      'invalid_request',
      'member',
    ],
    [
      'a bad field name',
      '/v1/push',
      { method: 'POST', json: { clientId: 'client-0001', mutations: [{ ...SHOP, fields: { 'a b': 1 } }] } },
      400,
      'invalid_request',
      'member',
    ],
    [
      '1,001 mutations',
      '/v1/push',
      {
        method: 'POST',
        json: {
          clientId: 'client-0001',
          mutations: Array.from({ length: 1001 }, (_, i) => ({ ...SHOP, mutationId: `m-${i}-xxxxxx` })),
        },
      },
      400,
      'invalid_request',
      'member',
    ],
    [
      'a body over 1 MB',
      '/v1/push',
      { method: 'POST', json: { clientId: 'client-0001', mutations: [{ ...SHOP, fields: { blob: 'x'.repeat(1_100_000) } }] } },
      413,
      'too_large',
      'member',
    ],
    ['an unknown route', '/v2/anything', {}, 404, 'not_found', null],
  ] as const)('answers %s with a JSON %i and stays healthy', async (_what, path, init, status, code, who) => {
    const token = who === 'member' ? member : who;
    const res = await call(path, token, init as RequestInit & { json?: unknown });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+/);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('serves authorization expiries as an ICS feed at a secret, revocable URL', async () => {
    const expiresAt = Date.UTC(2026, 11, 5, 12);
    await push(member, [
      {
        ...SHOP,
        mutationId: 'm-cal-000001',
        collection: 'authorizations',
        id: 'USLCQPEV3N|ads|growth',
        fields: {
          shopCode: 'USLCQPEV3N',
          serviceName: 'Ads management',
          partner: 'Growth Partners Ltd',
          status: 'active',
          expiresAt,
        },
      },
      {
        ...SHOP,
        mutationId: 'm-cal-000002',
        collection: 'authorizations',
        id: 'USLCQPEV3N|old|x',
        fields: { shopCode: 'USLCQPEV3N', serviceName: 'Old', partner: 'X', status: 'completed', expiresAt },
      },
    ]);
    expect((await call('/v1/calendar', member, { method: 'POST' })).status).toBe(403);
    const { url } = await (await call('/v1/calendar', owner, { method: 'POST' })).json();
    expect(url).toMatch(/^https:\/\/sync\.example\.test\/calendar\/cal_.+\.ics$/);
    const path = new URL(url).pathname;
    const feed = await app.request(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    // ICS folds long lines at 75 octets; unfold before reading.
    const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
    expect(text).toContain('BEGIN:VEVENT');
    expect(text).toContain('Ads management by Growth Partners Ltd (USLCQPEV3N)');
    expect(text).not.toContain('Old by X');
    expect(text.match(/BEGIN:VALARM/g)).toHaveLength(4);
    // Another team's feed never shows these; a rotated or revoked URL stops working.
    const rotated = await (await call('/v1/calendar', owner, { method: 'POST' })).json();
    expect((await app.request(path)).status).toBe(404);
    expect((await call('/v1/calendar', owner, { method: 'DELETE' })).status).toBe(200);
    expect((await app.request(new URL(rotated.url).pathname)).status).toBe(404);
    expect((await app.request('/calendar/cal_guessguessguessguessguess.ics')).status).toBe(404);
  });

  it('lets extension origins call it (CORS) and no other', async () => {
    const ok = await app.request('/v1/pull', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnop', 'access-control-request-method': 'GET' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnop');
    const no = await app.request('/v1/pull', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('describes itself at /openapi.json from the validating schemas', async () => {
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const push = doc.paths['/v1/push'].post.requestBody.content['application/json'].schema;
    expect(push.properties.mutations.maxItems).toBe(1000);
    expect(push.properties.mutations.items.properties.collection.enum).toContain('accessRequests');
  });
});
