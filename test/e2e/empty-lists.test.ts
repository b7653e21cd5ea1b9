import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSellerUsShop, type E2eSession, type ExtensionBrowser, panelText, startSession, storedRecords } from './browser';

let session: E2eSession;
let browser: ExtensionBrowser;
const US = 'https://seller-us.tiktok.com';

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  await captureSellerUsShop(session);
});

afterAll(() => session?.close());

const stillListed = async (kind: 'authorizations' | 'partnerAccess') =>
  (await storedRecords(browser, kind)).filter((r) => r.shopCode === 'USLCQPEV3N' && r.lostAt === undefined).length;

describe('a Seller Center list that says it holds nothing', () => {
  it('My Services with "No data": the last services are no longer listed, and stop counting down', async () => {
    const full = await session.open(`${US}/tsp/manage?tab=services`);
    await expect.poll(() => panelText(full, 'my-services-badges'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    await full.close();
    await expect.poll(() => stillListed('authorizations'), { timeout: 10_000 }).toBe(9);
    const empty = await session.open(`${US}/tsp/manage?tab=services&empty=1`);
    // A whole list of none waits to settle like any whole list, then marks every service gone.
    await expect.poll(() => panelText(empty, 'my-services-badges'), { timeout: 15_000 }).toContain('No longer listed');
    expect(await panelText(empty, 'my-services-badges')).toContain('0 services read');
    expect(await panelText(empty, 'my-services-badges')).not.toContain('helper unavailable');
    await expect.poll(() => stillListed('authorizations'), { timeout: 10_000 }).toBe(0);
    await empty.close();
  });

  it('Partner Management with "No data": every Business Center is marked removed', async () => {
    const full = await session.open(`${US}/ads/account/partner-management`);
    await expect.poll(() => panelText(full, 'partner-management'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    await full.close();
    await expect.poll(() => stillListed('partnerAccess'), { timeout: 10_000 }).toBe(3);
    const empty = await session.open(`${US}/ads/account/partner-management?empty=1`);
    await expect
      .poll(() => panelText(empty, 'partner-management'), { timeout: 15_000 })
      .toContain('Removed (no longer listed): Acme Media BC, Northwind Agency, Blue Fin Partners.');
    await expect.poll(() => stillListed('partnerAccess'), { timeout: 10_000 }).toBe(0);
    await empty.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
