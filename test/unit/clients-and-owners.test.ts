import 'fake-indexeddb/auto';
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkExpiryAlerts } from '../../extension/background/expiry-alerts';
import {
  addIntake,
  applyShopList,
  bcOverview,
  claimKeyOf,
  quotaFor,
  recordRequestOutcome,
  removeIntake,
} from '../../extension/db/access-requests';
import { CompanionDb } from '../../extension/db/database';
import { readBusinessCenterName } from '../../extension/pages/business-center';
import { isWaiting } from '../../shared/access-methods';
import type { Shop } from '../../shared/schemas';
import { ShopSchema } from '../../shared/schemas';
import { assignmentLabel, businessCenterLabel, notifiesHere, requestedFrom } from '../../shared/shop-assignment';

const A = '7000000000001';
const B = '7000000000002';
const NOON = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;
let db: CompanionDb;

beforeEach(() => {
  db = new CompanionDb(`co-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const shop = (shopCode: string, extra: Partial<Shop> = {}): Shop => ({
  shopCode,
  name: `Shop ${shopCode}`,
  sellerType: 'local',
  standardCode: true,
  firstSeenAt: 1,
  lastSeenAt: 1,
  ...extra,
});

describe('which Business Center requests which shop (shared rule)', () => {
  it('offers an unassigned shop everywhere, an assigned one only where it is assigned, an emptied one nowhere', () => {
    expect(requestedFrom({}, A)).toBe(true);
    expect(requestedFrom({ businessCenters: [A] }, A)).toBe(true);
    expect(requestedFrom({ businessCenters: [A] }, B)).toBe(false);
    expect(requestedFrom({ businessCenters: [A, B] }, B)).toBe(true);
    expect(requestedFrom({ businessCenters: [] }, A)).toBe(false);
  });

  it('labels an assignment in words, with names once seen', () => {
    const nameOf = (id: string) => businessCenterLabel(id, id === A ? 'Northwind Agency' : undefined);
    expect(assignmentLabel({}, nameOf)).toBe('All Business Centers');
    expect(assignmentLabel({ businessCenters: [] }, nameOf)).toBe('No Business Center');
    expect(assignmentLabel({ businessCenters: [A, B] }, nameOf)).toBe(`Northwind Agency (${A}), Business Center ${B}`);
  });

  it("notifies in the owner's browsers only; without an owner or outside a team, always", () => {
    const owned = { owner: { memberId: 'm1', name: 'Ana' } };
    expect(notifiesHere(undefined, 'm1')).toBe(true);
    expect(notifiesHere({}, 'm2')).toBe(true);
    expect(notifiesHere(owned, 'm1')).toBe(true);
    expect(notifiesHere(owned, 'm2')).toBe(false);
    // Left the team: nobody else would tell this person.
    expect(notifiesHere(owned, null)).toBe(true);
  });

  it('keeps the schema additive: a shop of the last release still validates, a new one with both fields too', () => {
    expect(ShopSchema.safeParse(shop('USLCQPEV3N')).success).toBe(true);
    const assigned = shop('USLCQPEV3N', { businessCenters: [A], owner: { memberId: 'm1', name: 'Ana' } });
    expect(ShopSchema.safeParse(assigned).success).toBe(true);
    expect(ShopSchema.safeParse({ ...assigned, businessCenters: ['not-digits'] }).success).toBe(false);
  });
});

describe("a Business Center's panel offers only its clients' codes", () => {
  it('filters captured shops by assignment and says how many are elsewhere', async () => {
    await db.shops.bulkPut([
      shop('USLCAAAAA1'),
      shop('USLCBBBBB1', { businessCenters: [B] }),
      shop('USLCCCCCC1', { businessCenters: [A] }),
    ]);
    const inA = await bcOverview(db, A, NOON);
    expect(inA.candidates.map((c) => c.code).sort()).toEqual(['USLCAAAAA1', 'USLCCCCCC1']);
    expect(inA.elsewhere).toBe(1);
    const inB = await bcOverview(db, B, NOON);
    expect(inB.candidates.map((c) => c.code).sort()).toEqual(['USLCAAAAA1', 'USLCBBBBB1']);
  });

  it('offers a pasted code in the Business Centers it was pasted in; removing it there keeps it in the others', async () => {
    await addIntake(db, 'USLCPPPPP1', NOON, A);
    expect((await bcOverview(db, A, NOON)).candidates.map((c) => c.code)).toEqual(['USLCPPPPP1']);
    expect((await bcOverview(db, B, NOON)).candidates).toEqual([]);
    await addIntake(db, 'USLCPPPPP1', NOON + 1, B);
    expect((await bcOverview(db, B, NOON)).candidates.map((c) => c.code)).toEqual(['USLCPPPPP1']);
    await removeIntake(db, 'USLCPPPPP1', A);
    expect((await bcOverview(db, A, NOON)).candidates).toEqual([]);
    expect((await bcOverview(db, B, NOON)).candidates.map((c) => c.code)).toEqual(['USLCPPPPP1']);
    await removeIntake(db, 'USLCPPPPP1', B);
    expect(await db.intakeCodes.count()).toBe(0);
  });

  it('sends an assignment to the team, and its clearing (back to all) too', async () => {
    await db.shops.put(shop('USLCAAAAA1'));
    await db.shops.update('USLCAAAAA1', { businessCenters: [A] });
    let entries = await db.outbox.toArray();
    expect(entries.at(-1)?.fields).toMatchObject({ businessCenters: [A] });
    await db.outbox.clear();
    await db.shops.update('USLCAAAAA1', { businessCenters: undefined });
    entries = await db.outbox.toArray();
    expect(entries.at(-1)?.unset).toEqual(['businessCenters']);
    expect((await db.shops.get('USLCAAAAA1'))?.businessCenters).toBeUndefined();
  });

  it('offers a code pasted outside any Business Center (the dashboard) everywhere', async () => {
    await addIntake(db, 'USLCPPPPP2', NOON);
    expect((await bcOverview(db, A, NOON)).candidates.map((c) => c.code)).toEqual(['USLCPPPPP2']);
    expect((await bcOverview(db, B, NOON)).candidates.map((c) => c.code)).toEqual(['USLCPPPPP2']);
  });
});

describe('Business Center names', () => {
  it('are kept once a page showed them and stamped on the requests, so teammates see names too', async () => {
    await recordRequestOutcome(db, A, 'USLCAAAAA1', { ok: true }, undefined, NOON);
    expect((await db.accessRequests.toArray())[0]?.businessCenterName).toBeUndefined();
    await applyShopList(db, A, [{ code: 'USLCAAAAA1', pending: true }], NOON + 1000, true, 'Northwind Agency');
    expect((await db.businessCenters.get(A))?.name).toBe('Northwind Agency');
    expect((await db.accessRequests.toArray())[0]?.businessCenterName).toBe('Northwind Agency');
    expect((await bcOverview(db, A, NOON)).name).toBe('Northwind Agency');
    // Later requests from it carry the name from the start.
    await recordRequestOutcome(db, A, 'USLCBBBBB1', { ok: true }, undefined, NOON + 2000);
    expect((await db.accessRequests.get(`${A}:USLCBBBBB1:request_access`))?.businessCenterName).toBe('Northwind Agency');
  });

  it('are read from the page: a test id that says so, or the text beside "ID: <org_id>"; never the id itself', () => {
    const read = (html: string) => {
      const { document } = new Window();
      document.body.innerHTML = html;
      return readBusinessCenterName(document as unknown as Document, A);
    };
    expect(read('<div data-tid="bc_header.org_name">Northwind Agency</div>')).toBe('Northwind Agency');
    expect(read(`<header><div><span>Fabrikam Media BC</span><span>ID: ${A}</span></div></header>`)).toBe('Fabrikam Media BC');
    expect(read(`<div><p>Contoso Partners</p><small>Business Center ID\uFF1A${A}</small></div>`)).toBe('Contoso Partners');
    // Another Business Center's id beside a name is not this one's name.
    expect(read(`<div><span>Someone Else</span><span>ID: ${B}</span></div>`)).toBeNull();
    expect(read(`<div><span>ID: ${A}</span></div>`)).toBeNull();
    expect(read('<h2>Shops</h2>')).toBeNull();
  });
});

describe('requests made by hand in Business Center', () => {
  const pending = (code: string, requestedAt?: number) => ({ code, pending: true, ...(requestedAt ? { requestedAt } : {}) });

  it("count toward the day's 20 when the list shows their date", async () => {
    await applyShopList(db, A, [pending('USLCHAND01', NOON - 3_600_000), pending('USLCHAND02', NOON - 2 * DAY)], NOON, true);
    const quota = await quotaFor(db, A, NOON);
    expect(quota.used).toBe(1);
    const made = await db.accessRequests.get(`${A}:USLCHAND01:request_access`);
    expect(made).toMatchObject({ byHand: true, status: 'pending', requestedAt: NOON - 3_600_000, firstSeenAt: NOON });
    expect(made?.history?.map((h) => h.event)).toContain('requested_by_hand');
  });

  it('count toward today when a whole list read earlier today did not hold them; the first read of a day cannot tell', async () => {
    const first = await applyShopList(db, A, [pending('USLCHAND01')], NOON, true);
    expect(first.madeByHandToday).toEqual([]);
    expect((await quotaFor(db, A, NOON)).used).toBe(0);
    const later = await applyShopList(db, A, [pending('USLCHAND01'), pending('USLCHAND02')], NOON + 3_600_000, true);
    expect(later.madeByHandToday.map((r) => r.shopCode)).toEqual(['USLCHAND02']);
    expect((await quotaFor(db, A, NOON + 3_600_000)).used).toBe(1);
    // A shop that appears approved (the seller added it) asked nothing of the quota.
    await applyShopList(
      db,
      A,
      [pending('USLCHAND01'), pending('USLCHAND02'), { code: 'USLCSELLER', pending: false }],
      NOON + 7_200_000,
      true,
    );
    expect((await quotaFor(db, A, NOON + 7_200_000)).used).toBe(1);
  });

  it('take their date from a later read when the first read of the list had none, and count once', async () => {
    const first = await applyShopList(db, A, [pending('USLCHAND01')], NOON, false);
    expect(first.madeByHandToday).toEqual([]);
    const dated = await applyShopList(db, A, [pending('USLCHAND01', NOON - 3_600_000)], NOON + 1000, false);
    expect(dated.madeByHandToday.map((r) => r.shopCode)).toEqual(['USLCHAND01']);
    expect(await db.accessRequests.get(`${A}:USLCHAND01:request_access`)).toMatchObject({ requestedAt: NOON - 3_600_000 });
    const again = await applyShopList(db, A, [pending('USLCHAND01', NOON - 3_600_000)], NOON + 2000, false);
    expect(again.madeByHandToday).toEqual([]);
    expect((await quotaFor(db, A, NOON + 2000)).used).toBe(1);
  });

  it('a shop asked for again after its access was lost is claimed again the same day, under a key every browser shares', async () => {
    const keys = (made: { madeByHandToday: Parameters<typeof claimKeyOf>[0][] }) =>
      made.madeByHandToday.map((r) => claimKeyOf(r, r?.shopCode as string));
    expect(keys(await applyShopList(db, A, [pending('USLCHAND01', NOON - 7_200_000)], NOON - 3_600_000, true))).toEqual([
      'USLCHAND01',
    ]);
    await applyShopList(db, A, [{ code: 'USLCHAND01', pending: false }], NOON - 1_800_000, true);
    for (const [n, at] of [
      [2, NOON],
      [3, NOON + 3_600_000],
    ] as const) {
      // Gone from the whole list (the seller removed the Business Center), then asked for by hand again.
      await applyShopList(db, A, [], at, true);
      expect((await db.accessRequests.get(`${A}:USLCHAND01:request_access`))?.lostAt).toBe(at);
      const again = await applyShopList(db, A, [pending('USLCHAND01', at + 1000)], at + 2000, true);
      expect(keys(again)).toEqual([`USLCHAND01#${n}`]);
      await applyShopList(db, A, [{ code: 'USLCHAND01', pending: false }], at + 3000, true);
    }
    // Another browser holding the same history (synced), which read the request first without its date and then
    // with it, keys it the same: the key comes from the losses both hold, not from how each read the request.
    const record = await db.accessRequests.get(`${A}:USLCHAND01:request_access`);
    const other = { ...record, history: record?.history?.filter((h) => h.event !== 'requested_by_hand') } as typeof record;
    expect(claimKeyOf(other, 'USLCHAND01')).toBe(claimKeyOf(record, 'USLCHAND01'));
    expect(claimKeyOf(undefined, 'USLCHAND01')).toBe('USLCHAND01');
  });

  it('flags an approved shop shown Pending approval again, once, and keeps it approved', async () => {
    await applyShopList(db, A, [{ code: 'USLCHAND01', pending: false }], NOON, true);
    await applyShopList(db, A, [pending('USLCHAND01')], NOON + 1000, true);
    await applyShopList(db, A, [pending('USLCHAND01')], NOON + 2000, true);
    const kept = await db.accessRequests.get(`${A}:USLCHAND01:request_access`);
    expect(kept?.status).toBe('approved');
    expect(kept?.history?.filter((h) => h.event === 'unexpected_status')).toEqual([
      { at: NOON + 1000, event: 'unexpected_status', detail: 'approved -> pending, kept approved' },
    ]);
  });

  it('takes Pending after access was lost as a new request made by hand, not a jump', async () => {
    await applyShopList(
      db,
      A,
      [
        { code: 'USLCHAND01', pending: false },
        { code: 'USLCKEEP01', pending: false },
      ],
      NOON - 2000,
      true,
    );
    await applyShopList(db, A, [{ code: 'USLCKEEP01', pending: false }], NOON - 1000, true);
    const again = await applyShopList(
      db,
      A,
      [{ code: 'USLCKEEP01', pending: false }, pending('USLCHAND01', NOON - 500)],
      NOON,
      true,
    );
    const asked = await db.accessRequests.get(`${A}:USLCHAND01:request_access`);
    expect(asked).toMatchObject({ status: 'pending', byHand: true, requestedAt: NOON - 500 });
    expect(asked?.lostAt).toBeUndefined();
    expect(asked?.history?.map((h) => h.event)).not.toContain('unexpected_status');
    expect(again.madeByHandToday.map((r) => r.shopCode)).toEqual(['USLCHAND01']);
  });

  it('an empty list never dates the next hand-made requests', async () => {
    await applyShopList(db, A, [], NOON - 1000, true);
    const later = await applyShopList(db, A, [pending('USLCHAND01')], NOON, true);
    expect(later.madeByHandToday).toEqual([]);
  });

  it('does not date a request from an incomplete list, nor from a list read on an earlier day', async () => {
    await applyShopList(db, A, [pending('USLCHAND01')], NOON - DAY, true);
    await applyShopList(db, A, [pending('USLCHAND01'), pending('USLCHAND02')], NOON, true);
    await applyShopList(db, A, [pending('USLCHAND01'), pending('USLCHAND02'), pending('USLCHAND03')], NOON + 1000, false);
    expect((await quotaFor(db, A, NOON + 1000)).used).toBe(0);
  });

  it('are offered Resend once waiting, counted from their first sight when their day is unknown', async () => {
    await applyShopList(db, A, [pending('USLCHAND01')], NOON, true);
    const made = await db.accessRequests.get(`${A}:USLCHAND01:request_access`);
    expect(made?.requestedAt).toBeUndefined();
    expect(isWaiting(made as never, NOON + 2 * DAY)).toBe(false);
    expect(isWaiting(made as never, NOON + 4 * DAY)).toBe(true);
  });
});

/** An active partner service of a shop, expiring at `expiresAt`. */
const activeService = (shopCode: string, expiresAt: number) => ({
  id: `${shopCode}|premium help|northwind`,
  shopCode,
  serviceName: 'Premium Help',
  partner: 'Northwind',
  serviceType: 'public' as const,
  status: 'active' as const,
  rawStatus: 'Active',
  authorizedAt: NOON - 300 * DAY,
  expiresAt,
  lastSeenAt: NOON,
  history: [],
});

describe('owners and reminders', () => {
  it("reminds only in the owner's browser for an owned shop, everywhere for the others", async () => {
    const expiresAt = NOON + 6 * DAY;
    await db.shops.bulkPut([shop('USLCOWNED1', { owner: { memberId: 'm1', name: 'Ana' } }), shop('USLCFREE01')]);
    await db.authorizations.bulkPut(['USLCOWNED1', 'USLCFREE01'].map((shopCode) => activeService(shopCode, expiresAt)));
    const told = (memberId: string | null) => async () => {
      const sent: string[] = [];
      const other = new CompanionDb(`co-copy-${Math.random()}`);
      await other.shops.bulkPut(await db.shops.toArray());
      await other.authorizations.bulkPut(await db.authorizations.toArray());
      await checkExpiryAlerts(other, [7], async (_id, _title, message) => void sent.push(message), new Date(NOON), memberId);
      await other.delete();
      return sent.map((m) => /shop (\w+)/.exec(m)?.[1]).sort();
    };
    expect(await told('m1')()).toEqual(['USLCFREE01', 'USLCOWNED1']);
    expect(await told('m2')()).toEqual(['USLCFREE01']);
    expect(await told(null)()).toEqual(['USLCFREE01', 'USLCOWNED1']);
  });

  it('does not remind again when another page writes the same expiry day as its last second; a renewal does', async () => {
    const auth = activeService('USLCFREE01', Date.UTC(2026, 11, 16));
    await db.authorizations.put(auth);
    const sent: string[] = [];
    const check = () => checkExpiryAlerts(db, [15, 30], async (id) => void sent.push(id), new Date(NOON));
    expect(await check()).toBe(1);
    await db.authorizations.put({ ...auth, expiresAt: Date.UTC(2026, 11, 16, 23, 59, 59) });
    expect(await check()).toBe(0);
    await db.authorizations.put({ ...auth, expiresAt: Date.UTC(2026, 11, 19) });
    expect(await check()).toBe(1);
    expect(sent).toHaveLength(2);
  });
});
