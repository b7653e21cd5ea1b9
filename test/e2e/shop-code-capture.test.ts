import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchWithExtension,
  openPage,
  SCREENSHOTS,
  shopCodeOverlay,
  storedRecords,
  unavailableNotice,
} from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';

let fixtures: FixtureServer;
let browser: ExtensionBrowser;
const pageErrors: string[] = [];

beforeAll(async () => {
  fixtures = await startFixtureServer();
  browser = await launchWithExtension(fixtures);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
});

const open = (url: string) => openPage(browser, url, pageErrors);
const storedShops = () => storedRecords(browser, 'shops');

async function expectOverlay(page: Page, code: string, status: RegExp) {
  const overlay = shopCodeOverlay(page);
  await expect.poll(() => overlay.count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => overlay.locator('[data-testid="sac-shop-code"]').textContent()).toBe(code);
  await expect.poll(() => overlay.locator('[data-testid="sac-status"]').textContent(), { timeout: 10_000 }).toMatch(status);
}

describe('shop-code capture on Seller information', () => {
  it('captures the code and name on a full load of the old layout (seller-us)', async () => {
    const page = await open('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await expectOverlay(page, 'USLCQPEV3N', /Saved to your shops/);
    // The overlay sits beside the code, not somewhere else on the page, and after the page's own copy
    // icon rather than between it and the code (the trial saw the icon pushed aside).
    const before = await shopCodeOverlay(page).evaluate((host) => [
      host.previousElementSibling?.getAttribute('title'),
      host.previousElementSibling?.previousElementSibling?.textContent,
    ]);
    expect(before).toEqual(['Copy', 'USLCQPEV3N']);
    await page.screenshot({
      path: `${SCREENSHOTS}/overlay-seller-information.png`,
      clip: { x: 200, y: 0, width: 1000, height: 360 },
    });
    const shops = await storedShops();
    expect(shops.find((s) => s.shopCode === 'USLCQPEV3N')).toMatchObject({
      name: 'Maple & Moss Home',
      region: 'US',
      sellerType: 'local',
      sellerCenterHost: 'seller-us.tiktok.com',
      standardCode: true,
    });
    await page.close();
  });

  it('updates, never duplicates, a shop seen again', async () => {
    const before = (await storedShops()).find((s) => s.shopCode === 'USLCQPEV3N');
    const page = await open('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await expectOverlay(page, 'USLCQPEV3N', /Up to date in your shops/);
    const shops = (await storedShops()).filter((s) => s.shopCode === 'USLCQPEV3N');
    expect(shops).toHaveLength(1);
    expect(shops[0]?.firstSeenAt).toBe(before?.firstSeenAt);
    expect(shops[0]?.lastSeenAt as number).toBeGreaterThanOrEqual(before?.lastSeenAt as number);
    await page.close();
  });

  it('waits for a late-rendered new layout on another host (seller-uk), reading a lower-case code', async () => {
    const page = await open('https://seller-uk.tiktok.com/profile/seller-profile?render_delay_ms=2500');
    await expectOverlay(page, 'GBGBLCRKQTEX', /Saved to your shops/);
    expect(await unavailableNotice(page).count()).toBe(0);
    // After the page's own "Copy" button, not between it and the code.
    expect(await shopCodeOverlay(page).evaluate((host) => host.previousElementSibling?.getAttribute('aria-label'))).toBe(
      'Copy shop code',
    );
    const shop = (await storedShops()).find((s) => s.shopCode === 'GBGBLCRKQTEX');
    expect(shop).toMatchObject({ name: 'Lantern Street Goods', region: 'GB', sellerCenterHost: 'seller-uk.tiktok.com' });
    await page.close();
  });

  it('reads a table layout on a cross-border host', async () => {
    const page = await open('https://seller.tiktokglobalshop.com/profile/seller-profile?fixture=table');
    await expectOverlay(page, 'CNGBCBA4LLU8', /Saved/);
    const shop = (await storedShops()).find((s) => s.shopCode === 'CNGBCBA4LLU8');
    expect(shop).toMatchObject({ name: 'Harbour Craft Export', sellerType: 'cross_border', region: 'GB' });
    await page.close();
  });

  it('follows in-app navigation, survives re-renders with one overlay, and leaves with the page', async () => {
    const page = await open('https://seller-ph.tiktok.com/homepage');
    await expect.poll(() => page.getByText('Welcome back.').count()).toBe(1);
    expect(await shopCodeOverlay(page).count()).toBe(0);
    await page.click('#nav-seller-info');
    expect(new URL(page.url()).pathname).toBe('/profile/seller-profile');
    await expectOverlay(page, 'PHLCDRL2UT', /Saved/);
    for (let i = 0; i < 5; i++) await page.click('#rerender');
    await expect.poll(() => page.locator('[data-render="6"]').count()).toBe(1);
    await expectOverlay(page, 'PHLCDRL2UT', /Saved|Up to date/);
    const placed = await shopCodeOverlay(page).evaluate((host) => host.previousElementSibling?.getAttribute('data-render'));
    expect(placed).toBe('6');
    await page.getByText('Orders', { exact: true }).click();
    await expect.poll(() => page.getByText('No orders yet.').count()).toBe(1);
    await expect.poll(() => shopCodeOverlay(page).count()).toBe(0);
    expect(await unavailableNotice(page).count()).toBe(0);
    expect((await storedShops()).some((s) => s.shopCode === 'PHLCDRL2UT' && s.name === 'Sunny Isles Beauty')).toBe(true);
    await page.close();
  });

  it('says visibly when Seller information holds no shop code, and saves nothing', async () => {
    const countBefore = (await storedShops()).length;
    const page = await open('https://seller-us.tiktok.com/profile/seller-profile?fixture=missing');
    const notice = unavailableNotice(page);
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    await expect
      .poll(() => notice.locator('[data-testid="sac-unavailable"]').textContent())
      .toContain('Shop code not found on this page');
    expect(await shopCodeOverlay(page).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/shop-code-not-found.png` });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    expect((await storedShops()).length).toBe(countBefore);
    await page.close();
  });

  it('copies the code and the message for the agency', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://seller-us.tiktok.com' });
    const page = await open('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await expectOverlay(page, 'USLCQPEV3N', /Up to date/);
    const overlay = shopCodeOverlay(page);
    await overlay.getByRole('button', { name: 'Copy code' }).click();
    await expect.poll(() => overlay.locator('[data-testid="sac-status"]').textContent()).toBe('Code copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('USLCQPEV3N');
    await overlay.getByRole('button', { name: 'Copy message for agency' }).click();
    await expect.poll(() => overlay.locator('[data-testid="sac-status"]').textContent()).toBe('Message copied');
    const message = await page.evaluate(() => navigator.clipboard.readText());
    expect(message).toContain('USLCQPEV3N');
    expect(message).toContain('Add Shop');
    expect(message).toContain('Maple & Moss Home');
    await page.close();
  });

  it('renders a shop name that is markup as text, on the page and in the dashboard', async () => {
    const page = await open('https://seller-us.tiktok.com/profile/seller-profile?fixture=hostile');
    await expectOverlay(page, 'VNLC67LW3F', /Saved/);
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Shops');
    const row = dashboard.locator('tr[data-shop-code="VNLC67LW3F"]');
    await expect.poll(() => row.textContent()).toContain('<img src=x onerror="window.__sacPwned=1">Bold <b>Deals</b>');
    expect(await row.locator('img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __sacPwned?: number }).__sacPwned)).toBeUndefined();
    await dashboard.close();
    await page.close();
  });

  it('lists every captured shop, code as text, in the popup and the dashboard', async () => {
    const expected = ['USLCQPEV3N', 'GBGBLCRKQTEX', 'CNGBCBA4LLU8', 'PHLCDRL2UT', 'VNLC67LW3F'];
    const popup = await browser.extensionPage('/popup.html');
    await popup.setViewportSize({ width: 480, height: 420 });
    for (const code of expected)
      await expect.poll(() => popup.locator(`[data-shop-code="${code}"] .code`).textContent()).toBe(code);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup.png` });
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Shops');
    for (const code of expected)
      await expect.poll(() => dashboard.locator(`[data-shop-code="${code}"] .code`).textContent()).toBe(code);
    await dashboard.screenshot({ path: `${SCREENSHOTS}/dashboard.png` });
    await dashboard.getByLabel('Filter shops').fill('lantern');
    await expect.poll(() => dashboard.locator('[data-shop-code]').count()).toBe(1);
    await popup.close();
    await dashboard.close();
  });

  it('threw nothing into any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
