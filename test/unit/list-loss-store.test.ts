import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiringSoon, recordAuthorizations } from '../../extension/db/authorizations';
import { CompanionDb } from '../../extension/db/database';
import { recordPartnerAccess, recordTspRequests } from '../../extension/db/requests';
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

  it('flags a Closed service shown Active again (a closed partner never comes back), and stores it as seen', async () => {
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Closed')], 'month-first', NOW, true);
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Active')], 'month-first', NOW + DAY, true);
    const [seen] = await db.authorizations.toArray();
    expect(seen?.status).toBe('active');
    expect(seen?.history?.at(-1)).toMatchObject({ event: 'unexpected_status', detail: 'Closed -> Active' });
    // An expected step is a plain status change.
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Authorization Canceled')], 'month-first', NOW + 2 * DAY, true);
    expect((await db.authorizations.toArray())[0]?.history?.at(-1)).toMatchObject({ event: 'status_changed' });
  });
});

describe('My Services: a renewal followed', () => {
  it('a later expiry read is a renewal: kept with the renewal asked before, and in the history', async () => {
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Active', '2026-12-01')], 'month-first', NOW, true);
    const [first] = await db.authorizations.toArray();
    await db.authorizations.update(first?.id as string, { renewal: { askedAt: NOW + 1 } });
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Active', '2026-12-01')], 'month-first', NOW + DAY, true);
    expect((await db.authorizations.get(first?.id as string))?.renewal).toEqual({ askedAt: NOW + 1 });
    await recordAuthorizations(db, SHOP, [row('Analytics', 'Active', '2027-06-01')], 'month-first', NOW + 2 * DAY, true);
    const renewed = await db.authorizations.get(first?.id as string);
    expect(renewed?.renewal).toEqual({ askedAt: NOW + 1, renewedAt: NOW + 2 * DAY });
    expect(renewed?.history?.at(-1)).toMatchObject({ event: 'renewed', detail: 'until 2027-06-01' });
  });
});

describe('reminders say how to renew, as the region allows', () => {
  it('asks UK/US and cross-border sellers to ask for a link, points others to Renew', async () => {
    const { renewalAdvice } = await import('../../shared/renewal');
    const { renewalPath } = await import('../../shared/renewal');
    expect(renewalAdvice(renewalPath({ region: 'US', sellerType: 'local' }))).toContain('Ask the partner for a renewal link');
    expect(renewalAdvice(renewalPath({ region: 'MX', sellerType: 'local' }))).toContain('choose the renewal period');
    expect(renewalAdvice(renewalPath({ sellerType: 'local' }))).toContain('if your shop can only renew that way');
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

describe('My request: a status jump the flow does not allow is kept as seen and flagged', () => {
  const request = (status: string) => [{ partner: 'Northwind', reference: 'REQ-1', status }];

  it('flags Rejected back to Partner reviewing, not Partner reviewing to Partner accepted', async () => {
    await recordTspRequests(db, SHOP, request('Partner reviewing'), NOW);
    expect(await recordTspRequests(db, SHOP, request('Partner accepted'), NOW + 1)).toEqual([
      { id: expect.any(String), from: 'Partner reviewing', to: 'Partner accepted' },
    ]);
    await recordTspRequests(db, SHOP, request('Rejected'), NOW + 2);
    const jump = await recordTspRequests(db, SHOP, request('Partner reviewing'), NOW + 3);
    expect(jump).toEqual([{ id: expect.any(String), from: 'Rejected', to: 'Partner reviewing', unexpected: true }]);
    const [stored] = await db.tspRequests.toArray();
    expect(stored?.status).toBe('partner_reviewing');
    expect(stored?.history.at(-1)).toMatchObject({ rawStatus: 'Partner reviewing', unexpected: true });
  });
});
