import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiringSoon, recordAuthorizations } from '../../extension/db/authorizations';
import { CompanionDb } from '../../extension/db/database';
import { recordPartnerAccess } from '../../extension/db/requests';
import type { AuthorizationRow } from '../../shared/authorization-badge';

/** What My Services and Partner Management no longer list: ended, removed; never from a partial list. */
let db: CompanionDb;
beforeEach(() => {
  db = new CompanionDb(`loss-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const SHOP = 'USLCQPEV3N';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24, 12);
const row = (serviceName: string, status = 'Active', expires = '2026-12-01'): AuthorizationRow => ({
  serviceName,
  partner: `${serviceName} Ltd`,
  status,
  authorizedAt: '2026-06-01',
  expiresAt: expires,
});

describe('My Services: an authorization no longer listed', () => {
  it('stops counting down and reminding, with when and how it ended in its history', async () => {
    await recordAuthorizations(db, SHOP, [row('Analytics'), row('Ads helper')], 'month-first', NOW, true);
    expect((await expiringSoon(db, new Date(NOW), 15, SHOP)).map((a) => a.serviceName).sort()).toEqual([
      'Ads helper',
      'Analytics',
    ]);
    // Filtered, paged or loading: nothing is marked.
    expect((await recordAuthorizations(db, SHOP, [row('Analytics')], 'month-first', NOW + DAY, false)).gone).toEqual([]);
    const saved = await recordAuthorizations(db, SHOP, [row('Analytics')], 'month-first', NOW + 2 * DAY, true);
    expect(saved.gone.map((a) => a.serviceName)).toEqual(['Ads helper']);
    expect((await expiringSoon(db, new Date(NOW + 2 * DAY), 15, SHOP)).map((a) => a.serviceName)).toEqual(['Analytics']);
    const ended = (await db.authorizations.toArray()).find((a) => a.serviceName === 'Ads helper');
    expect(ended).toMatchObject({ lostAt: NOW + 2 * DAY, history: [{ at: NOW + 2 * DAY, event: 'no_longer_listed' }] });
    // Listed again: counting again, its history kept.
    const again = await recordAuthorizations(db, SHOP, [row('Analytics'), row('Ads helper')], 'month-first', NOW + 3 * DAY, true);
    expect(again.back.map((a) => a.serviceName)).toEqual(['Ads helper']);
    const back = (await db.authorizations.toArray()).find((a) => a.serviceName === 'Ads helper');
    expect(back?.lostAt).toBeUndefined();
    expect(back?.history?.map((e) => e.event)).toEqual(['no_longer_listed', 'listed_again']);
  });

  it('reports an active service that turned Closed, once', async () => {
    await recordAuthorizations(db, SHOP, [row('Analytics')], 'month-first', NOW, true);
    const closed = await recordAuthorizations(db, SHOP, [row('Analytics', 'Closed')], 'month-first', NOW + DAY, true);
    expect(closed.closed.map((a) => a.serviceName)).toEqual(['Analytics']);
    expect(
      (await recordAuthorizations(db, SHOP, [row('Analytics', 'Closed')], 'month-first', NOW + 2 * DAY, true)).closed,
    ).toEqual([]);
  });
});

describe('Partner Management: a Business Center removed, one added', () => {
  const bc = (name: string, permission = 'Manager') => ({ businessCenterName: name, permission, status: 'Approved' });

  it('marks the one no longer listed as removed and names the new one; the first visit names none', async () => {
    expect((await recordPartnerAccess(db, SHOP, [bc('Northwind'), bc('Contoso')], NOW, true)).added).toEqual([]);
    const later = await recordPartnerAccess(db, SHOP, [bc('Northwind', 'Ad promotion'), bc('Fabrikam')], NOW + DAY, true);
    expect(later.gone.map((a) => a.businessCenterName)).toEqual(['Contoso']);
    expect(later.added.map((a) => a.businessCenterName)).toEqual(['Fabrikam']);
    const northwind = (await db.partnerAccess.toArray()).find((a) => a.businessCenterName === 'Northwind');
    expect(northwind?.history?.at(-1)).toMatchObject({ event: 'permission_changed', detail: 'Manager -> Ad promotion' });
    expect((await recordPartnerAccess(db, SHOP, [], NOW + 2 * DAY, false)).gone).toEqual([]);
  });
});
