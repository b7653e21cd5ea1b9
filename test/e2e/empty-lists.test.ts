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
  it('My Services with "No data": marks nothing until the person confirms, then the last services stop counting down', async () => {
    const full = await session.open(`${US}/tsp/manage?tab=services`);
    await expect.poll(() => panelText(full, 'my-services-badges'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    await full.close();
    await expect.poll(() => stillListed('authorizations'), { timeout: 10_000 }).toBe(9);
    const empty = await session.open(`${US}/tsp/manage?tab=services&empty=1`);
    // A failed load can look the same: the list of none is kept as read, and the person is asked.
    await expect.poll(() => panelText(empty, 'my-services-badges'), { timeout: 15_000 }).toContain('My Services shows none.');
    const text = await panelText(empty, 'my-services-badges');
    expect(text).toContain('0 services read');
    expect(text).toContain('nothing is marked gone');
    expect(text).not.toContain('helper unavailable');
    expect(await stillListed('authorizations')).toBe(9);
    // The page's own scripts can reach the button (the panel's root is open) but not press it.
    await empty.evaluate(() => {
      const host = document.querySelector('sac-overlay[data-sac-helper="my-services-badges-panel"]');
      const button = [...(host?.shadowRoot?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent === 'Mark them no longer listed',
      );
      button?.click();
    });
    const mark = empty
      .locator('sac-overlay[data-sac-helper="my-services-badges-panel"]')
      .getByRole('button', { name: 'Mark them no longer listed' });
    expect(await mark.count()).toBe(1);
    expect(await stillListed('authorizations')).toBe(9);
    await mark.click();
    await expect.poll(() => panelText(empty, 'my-services-badges'), { timeout: 10_000 }).toContain('No longer listed');
    await expect.poll(() => stillListed('authorizations'), { timeout: 10_000 }).toBe(0);
    await empty.close();
  });

  it('Partner Management with "No data": once confirmed, every Business Center is marked removed', async () => {
    const full = await session.open(`${US}/ads/account/partner-management`);
    await expect.poll(() => panelText(full, 'partner-management'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    await full.close();
    await expect.poll(() => stillListed('partnerAccess'), { timeout: 10_000 }).toBe(3);
    const empty = await session.open(`${US}/ads/account/partner-management?empty=1`);
    await expect
      .poll(() => panelText(empty, 'partner-management'), { timeout: 15_000 })
      .toContain('Partner Management shows none.');
    expect(await stillListed('partnerAccess')).toBe(3);
    await empty
      .locator('sac-overlay[data-sac-helper="partner-management-panel"]')
      .getByRole('button', { name: 'Mark them no longer listed' })
      .click();
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
