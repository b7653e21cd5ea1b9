import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABS } from '../../extension/ui/dashboard/tabs';
import { axeViolations, FONT_SAFE, fontUnsafeCharacters, keyboardWalk } from './axe';
import { captureSellerUsShop, type E2eSession, type ExtensionBrowser, startSession } from './browser';

let session: E2eSession;
let browser: ExtensionBrowser;

/** Pages whose helpers draw an overlay, with what each overlay says once it has read the page. */
const SELLER_PAGES = [
  { url: 'https://seller-us.tiktok.com/tsp/manage?tab=services', helper: 'my-services-badges-panel', says: 'Saved for shop' },
  {
    url: 'https://seller-us.tiktok.com/tsp/manage?tab=requests&visit=1',
    helper: 'tsp-request-tracking-panel',
    says: 'requests tracked',
  },
  {
    url: 'https://seller-us.tiktok.com/ads/account/partner-management',
    helper: 'partner-management-panel',
    says: 'Saved for shop',
  },
];

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  await captureSellerUsShop(session);
  // Every table holds rows, so rows and their badges are checked too.
  for (const { url, helper, says } of SELLER_PAGES) {
    const page = await session.open(url);
    await page.locator(`sac-overlay[data-sac-helper="${helper}"]`).getByText(says, { exact: false }).waitFor({ timeout: 10_000 });
    await page.close();
  }
});

afterAll(() => session?.close());

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.body.textContent?.includes('Loading...'), undefined, { timeout: 10_000 });
}

describe('accessibility (axe-core): no serious or critical violations', () => {
  it('can tell a character a stock font may lack', () => {
    expect(FONT_SAFE.test('Expires in 5 days \u2014 \u201cRenew\u201d, 5:45\u202fAM, caf\u00e9')).toBe(true);
    for (const unsafe of ['\u2713', '\u26a0', '\u25b2', '\u2192', '\u{1f4c5}', '\ue001'])
      expect(FONT_SAFE.test(unsafe)).toBe(false);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`in every dashboard view, ${scheme}`, async () => {
      const page = await browser.extensionPage('/dashboard.html');
      await page.emulateMedia({ colorScheme: scheme });
      await settled(page);
      // The check itself works here (the page's policy lets axe in): a button without a name is found.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('button'), { id: 'nameless' })));
      expect((await axeViolations(page)).map((v) => v.rule)).toContain('button-name');
      await page.evaluate(() => document.getElementById('nameless')?.remove());
      // And the character check reads text and CSS content: a check mark planted either way is found.
      await page.evaluate(() => {
        const mark = Object.assign(document.createElement('span'), { id: 'mark', textContent: '\u2713' });
        const styled = Object.assign(document.createElement('style'), {
          id: 'mark-style',
          textContent: '#mark::after { content: "\\2605"; }',
        });
        document.body.append(mark, styled);
      });
      expect((await fontUnsafeCharacters(page)).sort()).toEqual(['U+2605 in span::after', 'U+2713 in span']);
      await page.evaluate(() => {
        for (const id of ['mark', 'mark-style']) document.getElementById(id)?.remove();
      });
      const found: Record<string, unknown> = {};
      for (const tab of TABS) {
        await page.getByRole('tab', { name: tab, exact: true }).click();
        await settled(page);
        const violations = await axeViolations(page);
        if (violations.length > 0) found[tab] = violations;
        const glyphs = await fontUnsafeCharacters(page);
        if (glyphs.length > 0) found[`${tab}: characters a stock font may lack`] = glyphs;
      }
      // One shop's own page, with its tables and filters.
      await page.goto(page.url().replace(/\?.*$/, '?tab=Shops&shop=USLCQPEV3N'));
      await page.getByTestId('shop-page').waitFor({ timeout: 10_000 });
      await settled(page);
      const shopPage = await axeViolations(page);
      if (shopPage.length > 0) found['shop page'] = shopPage;
      expect(found).toEqual({});
      await page.close();
    });

    it(`in the popup, ${scheme}`, async () => {
      const page = await browser.extensionPage('/popup.html');
      await page.emulateMedia({ colorScheme: scheme });
      await settled(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(await fontUnsafeCharacters(page)).toEqual([]);
      await page.close();
    });
  }

  it('every control of the dashboard views and the popup is reached with Tab and shows its focus', async () => {
    // The walk itself tells: a button Tab skips, and one that hides its focus, planted in a page, are both named.
    const control = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    await settled(control);
    await control.evaluate(() => {
      const skipped = Object.assign(document.createElement('button'), { textContent: 'Skipped by Tab', tabIndex: -1 });
      const hidden = Object.assign(document.createElement('button'), { textContent: 'Focus hidden' });
      hidden.style.outline = 'none';
      document.body.append(skipped, hidden);
    });
    const planted = await keyboardWalk(control);
    expect(planted.unreached.map((c) => c.split('|')[1])).toEqual(['Skipped by Tab']);
    expect(planted.unmarked.map((c) => c.split('|')[1])).toEqual(['Focus hidden']);
    await control.close();
    const found: Record<string, unknown> = {};
    for (const path of [
      '/dashboard.html?tab=Authorizations',
      '/dashboard.html?tab=Partner%20requests',
      '/dashboard.html?tab=Settings',
      '/dashboard.html?tab=Shops&shop=USLCQPEV3N',
      '/popup.html',
    ]) {
      const page = await browser.extensionPage(path);
      await settled(page);
      const walk = await keyboardWalk(page);
      if (walk.unreached.length + walk.unmarked.length > 0) found[path] = walk;
      await page.close();
    }
    expect(found).toEqual({});
  });

  it('in the overlays and row badges drawn on Seller Center pages', async () => {
    const found: Record<string, unknown> = {};
    for (const { url, helper, says } of SELLER_PAGES) {
      const page = await session.open(url);
      await page
        .locator(`sac-overlay[data-sac-helper="${helper}"]`)
        .getByText(says, { exact: false })
        .waitFor({ timeout: 10_000 });
      // Only what the extension adds: the fixture's own markup is not ours to judge.
      const violations = await axeViolations(page, ['sac-overlay', 'sac-badge']);
      const glyphs = await fontUnsafeCharacters(page, ['sac-overlay', 'sac-badge']);
      if (glyphs.length > 0) found[`${url}: characters a stock font may lack`] = glyphs;
      if (url === SELLER_PAGES[0]?.url) {
        // The check reaches into the overlay's shadow root: a nameless button placed there is found.
        await page.evaluate((host) => {
          const root = document.querySelector(`sac-overlay[data-sac-helper="${host}"]`)?.shadowRoot;
          root?.append(Object.assign(document.createElement('button'), { id: 'nameless' }));
        }, helper);
        expect((await axeViolations(page, ['sac-overlay'])).map((v) => v.rule)).toContain('button-name');
      }
      if (violations.length > 0) found[url] = violations;
      await page.close();
    }
    expect(found).toEqual({});
    expect(session.pageErrors).toEqual([]);
  });
});
