import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addIntake,
  applyShopList,
  bcOverview,
  planRequests,
  quotaFor,
  recordRequestOutcome,
  recordResend,
} from '../../extension/db/access-requests';
import { CompanionDb } from '../../extension/db/database';
import { isWaiting } from '../../shared/access-methods';

const ORG = '7000000000001';
const NOON = Date.parse('2026-11-23T12:00:00Z');
let db: CompanionDb;

beforeEach(() => {
  db = new CompanionDb(`ar-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const codes = (n: number, prefix = 'SGLC') => Array.from({ length: n }, (_, i) => `${prefix}${String(100000 + i)}`);

async function sendAll(list: string[], at: number) {
  for (const code of list)
    await recordRequestOutcome(db, ORG, code, { ok: true, approvalLink: `https://example.com/a/${code}` }, undefined, at);
}

describe('the daily quota of a Business Center', () => {
  it('plans at most 20 a day and queues the rest for the next quota day', async () => {
    const plan = await planRequests(db, ORG, codes(23), NOON);
    expect(plan.sendNow).toHaveLength(20);
    expect(plan.queued).toEqual(codes(23).slice(20));
    const queued = await db.accessRequests.where('status').equals('queued').toArray();
    expect(queued.map((r) => r.queuedFor)).toEqual(['2026-11-24', '2026-11-24', '2026-11-24']);
  });

  it('counts what was sent today, not failures, and starts afresh the next day', async () => {
    await sendAll(codes(5), NOON);
    await recordRequestOutcome(
      db,
      ORG,
      'USLCERR500',
      { ok: false, kind: 'other', error: 'Something went wrong' },
      undefined,
      NOON,
    );
    expect(await quotaFor(db, ORG, NOON)).toMatchObject({ used: 5, remaining: 15, day: '2026-11-23' });
    expect(await quotaFor(db, ORG, NOON + 12 * 3_600_000)).toMatchObject({ used: 0, remaining: 20, day: '2026-11-24' });
    expect((await planRequests(db, ORG, codes(20, 'MYLC'), NOON)).sendNow).toHaveLength(15);
  });

  it('stops for the day when TikTok says the limit is reached', async () => {
    await recordRequestOutcome(db, ORG, 'THLC200001', { ok: false, kind: 'limit', error: 'daily limit of 20' }, undefined, NOON);
    expect(await quotaFor(db, ORG, NOON)).toMatchObject({ remaining: 0, limitReached: true });
    expect(await db.accessRequests.get(`${ORG}:THLC200001:request_access`)).toMatchObject({
      status: 'queued',
      queuedFor: '2026-11-24',
    });
    expect((await planRequests(db, ORG, ['THLC200002'], NOON)).queued).toEqual(['THLC200002']);
    expect((await quotaFor(db, ORG, NOON + 86_400_000)).limitReached).toBe(false);
  });

  it('keeps Business Centers apart', async () => {
    await sendAll(codes(20), NOON);
    expect((await quotaFor(db, '7000000000002', NOON)).remaining).toBe(20);
  });
});

describe('requests', () => {
  it('are pending only after TikTok confirmed, with the approval link', async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    expect(await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`)).toMatchObject({
      status: 'pending',
      requestedAt: NOON,
      approvalLink: 'https://example.com/a/USLCQPEV3N',
    });
  });

  it('are never planned twice while pending or approved', async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    const plan = await planRequests(db, ORG, ['USLCQPEV3N', 'GBGBLCRKQTEX'], NOON);
    expect(plan.sendNow).toEqual(['GBGBLCRKQTEX']);
    expect(plan.skipped).toEqual([{ code: 'USLCQPEV3N', reason: 'already requested, waiting for the seller' }]);
    await applyShopList(db, ORG, [{ code: 'USLCQPEV3N', pending: false }], NOON);
    expect((await planRequests(db, ORG, ['USLCQPEV3N'], NOON)).skipped[0]?.reason).toBe('access already granted');
  });

  it('may be retried after an error', async () => {
    await recordRequestOutcome(db, ORG, 'USLCNOSHOP1', { ok: false, kind: 'invalid', error: 'Invalid code' }, undefined, NOON);
    expect((await planRequests(db, ORG, ['USLCNOSHOP1'], NOON)).sendNow).toEqual(['USLCNOSHOP1']);
  });

  it('follow the Shops list: approved shops, and pending shops requested elsewhere', async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    const { changed } = await applyShopList(
      db,
      ORG,
      [
        { code: 'USLCQPEV3N', pending: false },
        { code: 'PHLCDRL2UT', pending: true },
      ],
      NOON + 1000,
    );
    expect(changed).toBe(2);
    expect((await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`))?.status).toBe('approved');
    expect((await db.accessRequests.get(`${ORG}:PHLCDRL2UT:request_access`))?.status).toBe('pending');
    // Seen in the list, never sent from here: made by hand in Business Center, and said so.
    expect((await db.accessRequests.get(`${ORG}:PHLCDRL2UT:request_access`))?.byHand).toBe(true);
    expect((await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`))?.byHand).toBeUndefined();
    // An approval is not undone by a list that still shows the tag.
    await applyShopList(db, ORG, [{ code: 'USLCQPEV3N', pending: true }], NOON + 2000);
    expect((await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`))?.status).toBe('approved');
    // Seen pending in the list, never sent from here: not counted against today's quota.
    expect((await quotaFor(db, ORG, NOON)).used).toBe(1);
  });

  it('marks an approved shop gone from a complete Shops list as access lost, a pending one as withdrawn', async () => {
    await sendAll(['USLCQPEV3N', 'GBLCRKQTEX'], NOON);
    const full = [
      { code: 'USLCQPEV3N', pending: false },
      { code: 'GBLCRKQTEX', pending: true },
      { code: 'PHLCDRL2UT', pending: false },
    ];
    await applyShopList(db, ORG, full, NOON + 1000, true);
    // A list on page 1 of 2 (or filtered, or loading) marks nothing.
    expect((await applyShopList(db, ORG, [], NOON + 2000, false)).lost).toEqual([]);
    const { lost } = await applyShopList(db, ORG, [full[2] as (typeof full)[number]], NOON + 3000, true);
    expect(lost.map((r) => [r.shopCode, r.status, r.lostAt]).sort()).toEqual([
      ['GBLCRKQTEX', 'pending', NOON + 3000],
      ['USLCQPEV3N', 'approved', NOON + 3000],
    ]);
    const accessLost = await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`);
    expect(accessLost?.history?.at(-1)).toMatchObject({ event: 'access_lost', detail: expect.stringContaining('last seen') });
    expect((await db.accessRequests.get(`${ORG}:GBLCRKQTEX:request_access`))?.history?.at(-1)?.event).toBe('withdrawn');
    // Marked once; listed again, it comes back.
    expect((await applyShopList(db, ORG, [full[2] as (typeof full)[number]], NOON + 4000, true)).lost).toEqual([]);
    await applyShopList(db, ORG, full, NOON + 5000, true);
    const back = await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`);
    expect(back?.lostAt).toBeUndefined();
    expect(back?.history?.at(-1)?.event).toBe('listed_again');
  });

  it("settles the two ways to grant access: the seller's Add My Shop, pending too, expires when our request is approved", async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    await db.accessRequests.put({
      id: `${ORG}:USLCQPEV3N:add_my_shop`,
      businessCenterId: ORG,
      shopCode: 'USLCQPEV3N',
      method: 'add_my_shop',
      status: 'pending',
      resends: [],
      updatedAt: NOON,
    });
    await applyShopList(db, ORG, [{ code: 'USLCQPEV3N', pending: false }], NOON + 1000, true);
    expect((await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`))?.status).toBe('approved');
    const other = await db.accessRequests.get(`${ORG}:USLCQPEV3N:add_my_shop`);
    expect(other?.status).toBe('expired');
    expect(other?.history?.at(-1)?.event).toBe('expired');
  });

  it('never marks a request just sent (not yet listed) as gone', async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    expect((await applyShopList(db, ORG, [], NOON + 1000, true)).lost).toEqual([]);
  });

  it('become waiting after three days, and log every resend', async () => {
    await sendAll(['USLCQPEV3N'], NOON);
    const record = await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`);
    expect(record && isWaiting(record, NOON + 3 * 86_400_000)).toBe(false);
    expect(record && isWaiting(record, NOON + 3 * 86_400_000 + 1)).toBe(true);
    await recordResend(db, ORG, 'USLCQPEV3N', 'email', NOON + 4 * 86_400_000);
    await recordResend(db, ORG, 'USLCQPEV3N', 'link', NOON + 5 * 86_400_000);
    expect((await db.accessRequests.get(`${ORG}:USLCQPEV3N:request_access`))?.resends).toEqual([
      { at: NOON + 4 * 86_400_000, via: 'email' },
      { at: NOON + 5 * 86_400_000, via: 'link' },
    ]);
    await expect(recordResend(db, ORG, 'GBGBLCRKQTEX', 'email')).rejects.toThrow(/no request/);
  });
});

describe('candidates and intake', () => {
  it('offers captured and pasted codes not yet requested, each once', async () => {
    await db.shops.put({
      shopCode: 'USLCQPEV3N',
      name: 'Maple',
      sellerType: 'local',
      standardCode: true,
      firstSeenAt: 1,
      lastSeenAt: 1,
    });
    const intake = await addIntake(db, 'USLCQPEV3N, gbgblcrkqtex; XXLCQPEV3N', NOON);
    expect(intake.added).toEqual(['USLCQPEV3N', 'GBGBLCRKQTEX']);
    expect(intake.rejected.map((r) => r.reason)).toEqual(['unknown-market']);
    const before = await bcOverview(db, ORG, NOON);
    expect(before.candidates).toEqual([
      { code: 'USLCQPEV3N', name: 'Maple', source: 'captured' },
      { code: 'GBGBLCRKQTEX', source: 'pasted' },
    ]);
    await sendAll(['USLCQPEV3N'], NOON);
    expect((await bcOverview(db, ORG, NOON)).candidates.map((c) => c.code)).toEqual(['GBGBLCRKQTEX']);
  });
});
