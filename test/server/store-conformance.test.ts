import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Principal, Store } from '../../server/store/store';
import type { Mutation } from '../../shared/sync-protocol';
import { STORES, type StoreUnderTest } from './stores';

let seq = 0;
const mutation = (id: string, fields: Record<string, unknown>, baseVersion = 0, op: Mutation['op'] = 'upsert'): Mutation => ({
  mutationId: `m-${++seq}-${Math.random().toString(36).slice(2)}`,
  collection: 'shops',
  id,
  baseVersion,
  op,
  fields,
});

describe.each(STORES)('store conformance: %s', (_name, open) => {
  let under: StoreUnderTest;
  let store: Store;
  let alice: Principal;
  let bob: Principal;
  let teamB: Principal;

  beforeEach(async () => {
    under = await open();
    store = under.store;
    const { teamId } = await store.createTeam('Agency A');
    const a = await store.createDeviceToken(teamId, 'member', 'alice-chrome');
    const b = await store.createDeviceToken(teamId, 'member', 'bob-firefox');
    alice = (await store.authenticate(a.token)) as Principal;
    bob = (await store.authenticate(b.token)) as Principal;
    const other = await store.createTeam('Agency B');
    teamB = (await store.authenticate((await store.createDeviceToken(other.teamId, 'owner', 'carol')).token)) as Principal;
  });
  afterEach(async () => {
    await under.dispose();
  });

  it('authenticates by token, never by a wrong or revoked one', async () => {
    expect(alice).toMatchObject({ role: 'member', teamId: expect.any(String), deviceId: expect.any(String) });
    expect(await store.authenticate('sac_not-a-token')).toBeNull();
    expect(await store.revokeDevice(alice.teamId, alice.deviceId)).toBe(true);
    expect(await store.revokeDevice(alice.teamId, alice.deviceId)).toBe(false);
    const again = await store.createDeviceToken(alice.teamId, 'viewer', 'x');
    expect(await store.authenticate(again.token)).toMatchObject({ role: 'viewer' });
    expect(await store.revokeDevice(teamB.teamId, bob.deviceId)).toBe(false);
  });

  it("lists a team's devices with last seen, and only that team's", async () => {
    const devices = await store.listDevices(alice.teamId);
    expect(devices.map((d) => d.label)).toEqual(['alice-chrome', 'bob-firefox']);
    expect(devices[0]?.lastSeenAt).toEqual(expect.any(Number));
    expect((await store.listDevices(teamB.teamId)).map((d) => d.label)).toEqual(['carol']);
  });

  it('redeems invites within their uses and lifetime only', async () => {
    const single = await store.createInvite(alice.teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 60_000 });
    const joined = await store.redeemInvite(single.code, 'dave-chrome');
    expect(joined).toMatchObject({ teamId: alice.teamId, teamName: 'Agency A', role: 'member' });
    expect(await store.authenticate(joined?.token ?? '')).toMatchObject({ teamId: alice.teamId });
    expect(await store.redeemInvite(single.code, 'again')).toBeNull();
    const expired = await store.createInvite(alice.teamId, 'viewer', { maxUses: null, expiresAt: Date.now() - 1 });
    expect(await store.redeemInvite(expired.code, 'late')).toBeNull();
    const multi = await store.createInvite(alice.teamId, 'viewer', { maxUses: null, expiresAt: Date.now() + 60_000 });
    expect(await store.redeemInvite(multi.code, 'v1')).toMatchObject({ role: 'viewer' });
    expect(await store.redeemInvite(multi.code, 'v2')).toMatchObject({ role: 'viewer' });
    expect(await store.redeemInvite('inv_unknown', 'x')).toBeNull();
  });

  it('keeps an audit entry for every accepted change, filterable', async () => {
    await store.push(alice, { clientId: 'alice-client', mutations: [mutation('USLCQPEV3N', { name: 'Maple' })] });
    await store.push(bob, { clientId: 'bob-client', mutations: [{ ...mutation('X1', { a: 1 }), collection: 'accessRequests' }] });
    const all = await store.audit(alice.teamId, { limit: 100 });
    expect(all.map((e) => [e.collection, e.recordId, e.op, e.status])).toEqual([
      ['shops', 'USLCQPEV3N', 'upsert', 'applied'],
      ['accessRequests', 'X1', 'upsert', 'applied'],
    ]);
    expect((await store.audit(alice.teamId, { deviceId: bob.deviceId, limit: 100 })).map((e) => e.recordId)).toEqual(['X1']);
    expect((await store.audit(alice.teamId, { collection: 'shops', limit: 100 })).map((e) => e.recordId)).toEqual(['USLCQPEV3N']);
    expect(await store.audit(teamB.teamId, { limit: 100 })).toEqual([]);
  });

  it('reads the audit newest first, a page at a time backwards, with the same filters', async () => {
    const names = ['A1', 'A2', 'A3', 'A4', 'A5'];
    for (const id of names) await store.push(alice, { clientId: 'alice-client', mutations: [mutation(id, { name: id })] });
    await store.push(bob, { clientId: 'bob-client', mutations: [{ ...mutation('X9', { a: 1 }), collection: 'accessRequests' }] });
    const latest = await store.audit(alice.teamId, { before: Number.MAX_SAFE_INTEGER, limit: 3 });
    expect(latest.map((e) => e.recordId)).toEqual(['X9', 'A5', 'A4']);
    const older = await store.audit(alice.teamId, { before: (latest.at(-1) as { version: number }).version, limit: 3 });
    expect(older.map((e) => e.recordId)).toEqual(['A3', 'A2', 'A1']);
    expect(await store.audit(alice.teamId, { before: (older.at(-1) as { version: number }).version, limit: 3 })).toEqual([]);
    const shops = await store.audit(alice.teamId, { before: Number.MAX_SAFE_INTEGER, collection: 'shops', limit: 2 });
    expect(shops.map((e) => e.recordId)).toEqual(['A5', 'A4']);
    const bobs = await store.audit(alice.teamId, { before: Number.MAX_SAFE_INTEGER, deviceId: bob.deviceId, limit: 10 });
    expect(bobs.map((e) => e.recordId)).toEqual(['X9']);
    expect(await store.audit(teamB.teamId, { before: Number.MAX_SAFE_INTEGER, limit: 10 })).toEqual([]);
  });

  it('applies a push and gives it back in a pull, in sequence order', async () => {
    const [r1, r2] = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', { name: 'Maple' }), mutation('GBGBLCRKQTEX', { name: 'Lantern' })],
    });
    expect(r1).toMatchObject({ status: 'applied', version: 1 });
    expect(r2).toMatchObject({ status: 'applied', version: 2 });
    const pulled = await store.pull(alice.teamId, 0, 100);
    expect(pulled).toEqual({
      changes: [
        { collection: 'shops', id: 'USLCQPEV3N', version: 1, deleted: false, fields: { name: 'Maple' } },
        { collection: 'shops', id: 'GBGBLCRKQTEX', version: 2, deleted: false, fields: { name: 'Lantern' } },
      ],
      next: 2,
      more: false,
      mustRefetch: false,
      purgedThrough: 0,
    });
    expect((await store.pull(alice.teamId, 2, 100)).changes).toEqual([]);
  });

  it('keeps any text a field may hold exactly as pushed: new lines, separators, quotes, emoji', async () => {
    const name = 'Line one\nLine two\r\n\u2028\u2029 "quoted" \\ back\tslash \u{1F600} {"json": [1]}';
    // In one push: the records travel together, so no value may be split into, or merged with, another.
    const answers = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', { name, note: '' }), mutation('GBGBLCRKQTEX', { name: '\n' })],
    });
    expect(answers.map((a) => a.status)).toEqual(['applied', 'applied']);
    const changes = (await store.pull(alice.teamId, 0, 10)).changes;
    expect(changes.map((c) => c.fields)).toEqual([{ name, note: '' }, { name: '\n' }]);
  });

  it('applies a replayed push once and answers it the same', async () => {
    const m = mutation('USLCQPEV3N', { name: 'Maple' });
    const first = await store.push(alice, { clientId: 'alice-client', mutations: [m] });
    const again = await store.push(alice, { clientId: 'alice-client', mutations: [m] });
    expect(again).toEqual(first);
    expect((await store.pull(alice.teamId, 0, 100)).changes).toHaveLength(1);
  });

  it('replays a push of mixed outcomes (overruled, applied) with every answer as first given', async () => {
    await store.push(alice, { clientId: 'alice-client', mutations: [mutation('USLCQPEV3N', { name: 'Alice' })] });
    // Bob had not seen Alice's name: his rename loses that field; his new shop is applied.
    const stale = { ...mutation('USLCQPEV3N', { name: 'Bob' }), fieldBases: { name: 0 } };
    const fresh = mutation('GBGBLCRKQTEX', { name: 'Lantern' });
    const first = await store.push(bob, { clientId: 'bob-client', mutations: [stale, fresh] });
    expect(first.map((a) => a.status)).toEqual(['conflict', 'applied']);
    const again = await store.push(bob, { clientId: 'bob-client', mutations: [stale, fresh] });
    expect(again).toEqual(first);
    const changes = (await store.pull(alice.teamId, 0, 100)).changes;
    expect(changes.map((c) => [c.id, c.fields.name])).toEqual([
      ['USLCQPEV3N', 'Alice'],
      ['GBGBLCRKQTEX', 'Lantern'],
    ]);
  });

  it('writes a record changed three times in one push once, audits each change, and replays the answers', async () => {
    const create = mutation('USLCQPEV3N', { name: 'Maple', note: 'call back', region: 'US' });
    const rename = { ...mutation('USLCQPEV3N', { name: 'Maple & Moss' }, 1), fieldBases: { name: 1 } };
    const clear = { ...mutation('USLCQPEV3N', {}, 2), unset: ['note'] };
    const answers = await store.push(alice, { clientId: 'alice-client', mutations: [create, rename, clear] });
    expect(answers.map((a) => [a.status, 'version' in a ? a.version : null])).toEqual([
      ['applied', 1],
      ['applied', 2],
      ['applied', 3],
    ]);
    expect((await store.pull(alice.teamId, 0, 100)).changes).toEqual([
      { collection: 'shops', id: 'USLCQPEV3N', version: 3, deleted: false, fields: { name: 'Maple & Moss', region: 'US' } },
    ]);
    expect((await store.audit(alice.teamId, { limit: 10 })).map((e) => e.version)).toEqual([1, 2, 3]);
    // The region kept its first version and the note its clearing: a teammate's stale note conflicts.
    const [stale] = await store.push(bob, { clientId: 'bob-client', mutations: [mutation('USLCQPEV3N', { note: 'old' }, 1)] });
    expect(stale).toMatchObject({ status: 'conflict', fields: ['note'], fieldVersions: { note: 3 } });
    const [region] = await store.push(bob, { clientId: 'bob-client', mutations: [mutation('USLCQPEV3N', { region: 'GB' }, 1)] });
    expect(region).toMatchObject({ status: 'merged' });
    expect(await store.push(alice, { clientId: 'alice-client', mutations: [create, rename, clear] })).toEqual(answers);
  });
  it('merges fields one by one; the same field changed twice is a conflict for the later push', async () => {
    const [created] = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', { name: 'Maple', region: 'US' })],
    });
    const base = created?.status === 'applied' ? created.version : -1;
    const [a] = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', { name: 'Maple & Moss' }, base)],
    });
    expect(a).toMatchObject({ status: 'applied' });
    // Bob, still on the first version, changes another field: merged.
    const [b] = await store.push(bob, { clientId: 'bob-client', mutations: [mutation('USLCQPEV3N', { region: 'GB' }, base)] });
    expect(b).toMatchObject({ status: 'merged' });
    // Bob changes the name too: Alice changed it after his base, so he loses and is told.
    const [c] = await store.push(bob, {
      clientId: 'bob-client',
      mutations: [mutation('USLCQPEV3N', { name: 'Bob name' }, base)],
    });
    expect(c).toMatchObject({ status: 'conflict', fields: ['name'], record: { fields: { name: 'Maple & Moss', region: 'GB' } } });
    const [record] = (await store.pull(alice.teamId, 0, 100)).changes;
    expect(record?.fields).toEqual({ name: 'Maple & Moss', region: 'GB' });
  });

  it('keeps deletes as tombstones that pulls return', async () => {
    const [created] = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', { name: 'Maple' })],
    });
    const [deleted] = await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('USLCQPEV3N', {}, created?.status === 'applied' ? created.version : 0, 'delete')],
    });
    expect(deleted).toMatchObject({ status: 'applied', version: 2 });
    expect((await store.pull(alice.teamId, 1, 100)).changes).toEqual([
      { collection: 'shops', id: 'USLCQPEV3N', version: 2, deleted: true, fields: {} },
    ]);
  });

  it('pulls in batches', async () => {
    await store.push(alice, {
      clientId: 'alice-client',
      mutations: Array.from({ length: 25 }, (_, i) => mutation(`SHOP${i}`, { i })),
    });
    const seen: string[] = [];
    let since = 0;
    let pages = 0;
    for (;;) {
      const page = await store.pull(alice.teamId, since, 10);
      pages++;
      seen.push(...page.changes.map((c) => c.id));
      since = page.next;
      if (!page.more) break;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `SHOP${i}`));
  });

  it("keeps teams apart: one team never sees or changes another's records", async () => {
    await store.push(alice, { clientId: 'alice-client', mutations: [mutation('USLCQPEV3N', { name: 'Maple' })] });
    const [other] = await store.push(teamB, { clientId: 'carol-client', mutations: [mutation('USLCQPEV3N', { name: 'Carol' })] });
    expect(other).toMatchObject({ status: 'applied', version: 1 });
    expect((await store.pull(teamB.teamId, 0, 100)).changes.map((c) => c.fields)).toEqual([{ name: 'Carol' }]);
    expect((await store.pull(alice.teamId, 0, 100)).changes.map((c) => c.fields)).toEqual([{ name: 'Maple' }]);
  });

  it('never lets a puller skip a change while pushes run concurrently', async () => {
    const seen = new Map<string, number>();
    let since = 0;
    let done = false;
    const puller = (async () => {
      while (!done) {
        const page = await store.pull(alice.teamId, since, 50);
        for (const c of page.changes) seen.set(c.id, c.version);
        since = page.next;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await Promise.all(
      Array.from({ length: 10 }, (_, p) =>
        store.push(p % 2 ? alice : bob, {
          clientId: `client-${p}`,
          mutations: Array.from({ length: 20 }, (_, i) => mutation(`P${p}-${i}`, { p, i })),
        }),
      ),
    );
    done = true;
    await puller;
    for (;;) {
      const page = await store.pull(alice.teamId, since, 500);
      for (const c of page.changes) seen.set(c.id, c.version);
      since = page.next;
      if (!page.more) break;
    }
    expect(seen.size).toBe(200);
  });

  it('purges tombstones and answers past retention, and tells an older client to refetch', async () => {
    const addB = mutation('B', { name: 'Lantern' });
    await store.push(alice, { clientId: 'alice-client', mutations: [mutation('A', { name: 'Maple' }), addB] });
    await store.push(alice, {
      clientId: 'alice-client',
      mutations: [mutation('A', {}, 1, 'delete'), mutation('C', { name: 'Cedar' })],
    });
    await store.push(teamB, { clientId: 'carol-client', mutations: [mutation('Z', { name: 'Other team' })] });

    expect(await store.purge(Date.now() - 60_000)).toEqual({ tombstones: 0, teams: 0, answers: 0 });
    expect(await store.purge(Date.now() + 1)).toEqual({ tombstones: 1, teams: 1, answers: 5 });

    const fromZero = await store.pull(alice.teamId, 0, 100);
    expect(fromZero.changes.map((c) => c.id)).toEqual(['B', 'C']);
    expect(fromZero.mustRefetch).toBe(false);
    // Checkpoint 2 predates the purged delete of A (version 3): the client may hold A still.
    const stale = await store.pull(alice.teamId, 2, 100);
    expect(stale).toMatchObject({ mustRefetch: true, next: 4, purgedThrough: 3 });
    expect(stale.changes.map((c) => c.id)).toEqual(['B', 'C']);
    // A refetch goes on page by page under the purge mark it started with, and ends.
    const first = await store.pull(alice.teamId, 2, 1);
    expect(first).toMatchObject({ mustRefetch: true, next: 2, more: true, changes: [{ id: 'B' }] });
    expect(await store.pull(alice.teamId, first.next, 1, first.purgedThrough)).toMatchObject({
      mustRefetch: false,
      more: false,
      changes: [{ id: 'C' }],
    });
    expect((await store.pull(alice.teamId, 2, 1, 2)).mustRefetch).toBe(true);
    expect(await store.pull(alice.teamId, 3, 100)).toMatchObject({ mustRefetch: false, changes: [{ id: 'C' }] });
    expect((await store.pull(teamB.teamId, 1, 100)).mustRefetch).toBe(false);

    // Its answer purged, a very late replay is merged again: no new version, nothing duplicated.
    const [late] = await store.push(alice, { clientId: 'alice-client', mutations: [addB] });
    expect(late).toMatchObject({ status: 'merged', version: 2 });
    expect((await store.pull(alice.teamId, 4, 100)).changes).toEqual([]);
  });

  it("never grants a team more than the Business Center's daily limit, however many claim at once", async () => {
    const claims = await Promise.all(
      Array.from({ length: 12 }, () => store.claimQuota(alice.teamId, '7000000000001', '2026-11-23', 3, 20)),
    );
    expect(claims.reduce((sum, c) => sum + c.granted, 0)).toBe(20);
    expect(Math.max(...claims.map((c) => c.claimed))).toBe(20);
    expect(await store.claimQuota(alice.teamId, '7000000000001', '2026-11-23', 1, 20)).toEqual({ granted: 0, claimed: 20 });
    // What TikTok refused is given back and can be claimed again.
    expect(await store.releaseQuota(alice.teamId, '7000000000001', '2026-11-23', 2)).toEqual({ claimed: 18 });
    expect(await store.claimQuota(alice.teamId, '7000000000001', '2026-11-23', 5, 20)).toEqual({ granted: 2, claimed: 20 });
    // Another day, another Business Center, another team: each counts on its own.
    expect((await store.claimQuota(alice.teamId, '7000000000001', '2026-11-24', 5, 20)).granted).toBe(5);
    expect((await store.claimQuota(alice.teamId, '7000000000002', '2026-11-23', 5, 20)).granted).toBe(5);
    expect((await store.claimQuota(teamB.teamId, '7000000000001', '2026-11-23', 5, 20)).granted).toBe(5);
    expect(await store.releaseQuota(alice.teamId, '7000000000009', '2026-11-23', 1)).toEqual({ claimed: 0 });
  });

  it('counts a request made by hand once for the team, however many browsers claim it at once', async () => {
    const org = '7000000000003';
    const seen = ['USLCQPEV3N', 'GBGBLCRKQTEX'];
    // Two members' browsers read the same Shops list before either synced: both claim both codes.
    const claims = await Promise.all([
      store.claimQuota(alice.teamId, org, '2026-11-23', 2, 20, seen),
      store.claimQuota(alice.teamId, org, '2026-11-23', 2, 20, [...seen].reverse()),
    ]);
    expect(claims.map((c) => c.granted).sort()).toEqual([0, 2]);
    expect(await store.claimQuota(alice.teamId, org, '2026-11-23', 2, 20, ['USLCQPEV3N', 'PHLCDRL2UT'])).toEqual({
      granted: 1,
      claimed: 3,
    });
    // A batch's claim (no codes) still counts every request it will send.
    expect(await store.claimQuota(alice.teamId, org, '2026-11-23', 2, 20)).toEqual({ granted: 2, claimed: 5 });
    // A batch's own requests, seen by a teammate in the Shops list before they synced, are not counted again.
    const batch = '7000000000005';
    expect(await store.claimQuota(alice.teamId, batch, '2026-11-23', 2, 20, ['USLCQPEV3N', 'GBGBLCRKQTEX'], false)).toEqual({
      granted: 2,
      claimed: 2,
    });
    expect((await store.claimQuota(alice.teamId, batch, '2026-11-23', 1, 20, ['GBGBLCRKQTEX'])).granted).toBe(0);
    // One TikTok refused is given back with its code: a later request for that shop counts again.
    expect(await store.releaseQuota(alice.teamId, batch, '2026-11-23', 1, ['GBGBLCRKQTEX'])).toEqual({ claimed: 1 });
    expect(await store.claimQuota(alice.teamId, batch, '2026-11-23', 1, 20, ['GBGBLCRKQTEX'])).toEqual({
      granted: 1,
      claimed: 2,
    });
    // Past the limit a code is not kept: once room is given back it can be claimed.
    const full = '7000000000004';
    await store.claimQuota(alice.teamId, full, '2026-11-23', 19, 20);
    expect(await store.claimQuota(alice.teamId, full, '2026-11-23', 2, 20, ['USLCQPEV3N', 'GBGBLCRKQTEX'])).toEqual({
      granted: 1,
      claimed: 20,
    });
    await store.releaseQuota(alice.teamId, full, '2026-11-23', 1);
    expect(await store.claimQuota(alice.teamId, full, '2026-11-23', 2, 20, ['USLCQPEV3N', 'GBGBLCRKQTEX'])).toEqual({
      granted: 1,
      claimed: 20,
    });
    // Another day, and another team, count the same code afresh.
    expect((await store.claimQuota(alice.teamId, org, '2026-11-24', 1, 20, ['USLCQPEV3N'])).granted).toBe(1);
    expect((await store.claimQuota(teamB.teamId, org, '2026-11-23', 1, 20, ['USLCQPEV3N'])).granted).toBe(1);
  });
});
