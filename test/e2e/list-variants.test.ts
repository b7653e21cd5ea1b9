import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bcShopsVariants,
  myRequestVariants,
  myServicesVariants,
  partnerManagementVariants,
  type Variant,
} from '../variants/list-variants';
import {
  captureSellerUsShop,
  type E2eSession,
  panelText,
  rowBadgeLabels,
  SCREENSHOTS,
  startSession,
  storedRecords,
} from './browser';

/**
 * A sample of the layout variants, end to end: the built extension in Debian's Chromium reads each
 * page it has never seen (other routes, markups, header words, date shapes) and badges every record
 * inside the record's own element. The whole generator runs at the unit level (list-variants.test.ts).
 */

let session: E2eSession;

/** What My Services' six generated records must show, whatever the markup: the seed's statuses and days left. */
const SERVICE_BADGES = ['12 days left', 'Expires today', 'Completed', 'Authorization Canceled', 'Closed', '25 days left'];

/** One variant of each markup, spread over header words and regions. */
function sample<T>(variants: Variant<T>[], markups: number): Variant<T>[] {
  const perMarkup = variants.length / markups;
  return Array.from({ length: markups }, (_, i) => variants[Math.floor(i * perMarkup + ((i * 7) % perMarkup))] as Variant<T>);
}

async function serve(variant: Variant<unknown>, extraScript = ''): Promise<string> {
  const url = `https://${variant.host}${variant.path}`;
  await session.browser.context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><head><meta charset="utf-8"><title>TikTok Shop Seller Center</title></head><body>${variant.html}${extraScript}</body></html>`,
    }),
  );
  return url;
}

/** The record element each badge sits in; every record must hold exactly one. */
const badgesPerRecord = (page: Page, helper: string) =>
  page.$$eval(`sac-badge[data-sac-helper="${helper}"]`, (hosts) => {
    const owners = hosts.map((h) => h.closest('tr, [role="row"], li, .card, dl, .list-row'));
    return { badges: hosts.length, records: new Set(owners.filter(Boolean)).size, orphans: owners.filter((o) => !o).length };
  });

beforeAll(async () => {
  session = await startSession();
  await captureSellerUsShop(session);
});

afterAll(() => session?.close());

describe('My Services pages built differently', () => {
  const variants = sample(myServicesVariants(), 9);
  it.each(variants.map((v) => [v.name, v] as const))('%s', async (_name, variant) => {
    const page = await session.open(await serve(variant));
    await expect.poll(() => rowBadgeLabels(page, 'my-services-badges'), { timeout: 10_000 }).toEqual(SERVICE_BADGES);
    expect(await badgesPerRecord(page, 'my-services-badges')).toEqual({ badges: 6, records: 6, orphans: 0 });
    await page.close();
  });

  it('follows records rendered late, re-rendered, added by Show More and by scrolling', async () => {
    const variant = myServicesVariants().find((v) => v.name.includes('cards') && v.name.includes('GB dates')) as Variant<unknown>;
    // The page's own script: the list arrives late, re-renders from its state, then grows twice.
    const script = `<script>
      var main = document.querySelector('main'); var html = main.innerHTML; main.innerHTML = '<p>Loading...</p>';
      var state = document.createElement('div'); state.innerHTML = html;
      function more(n) { var list = document.querySelector('.card').parentElement;
        for (var i = 0; i < n; i++) { var c = state.querySelector('.card').cloneNode(true); c.querySelector('h4').textContent = 'Extra ' + (list.children.length + 1); list.append(c); } }
      window.__render = function () { main.innerHTML = html; };
      window.__more = more;
      setTimeout(window.__render, 700);
    </script>`;
    const page = await session.open(await serve({ ...variant, path: '/partner/center/late' }, script));
    await expect.poll(() => rowBadgeLabels(page, 'my-services-badges'), { timeout: 10_000 }).toEqual(SERVICE_BADGES);
    for (let i = 0; i < 10; i++) await page.evaluate(() => (window as unknown as { __render(): void }).__render());
    await expect.poll(() => rowBadgeLabels(page, 'my-services-badges')).toEqual(SERVICE_BADGES);
    await page.evaluate(() => (window as unknown as { __more(n: number): void }).__more(2));
    await page.evaluate(() => (window as unknown as { __more(n: number): void }).__more(2));
    await expect.poll(() => rowBadgeLabels(page, 'my-services-badges')).toHaveLength(10);
    expect(await badgesPerRecord(page, 'my-services-badges')).toEqual({ badges: 10, records: 10, orphans: 0 });
    await page.screenshot({ path: `${SCREENSHOTS}/my-services-cards-variant.png` });
    await page.close();
  });
});

describe('Copy page outline, from Diagnostics', () => {
  it("copies the open tab's structure with every shop name, code and date masked", async () => {
    const variant = myServicesVariants().find((v) => v.name.includes('dl groups')) as Variant<unknown>;
    const url = await serve({ ...variant, path: '/partner/center/outline' });
    const page = await session.open(url);
    await expect.poll(() => rowBadgeLabels(page, 'my-services-badges'), { timeout: 10_000 }).toEqual(SERVICE_BADGES);
    const dashboard = await session.browser.extensionPage('/dashboard.html?tab=Diagnostics');
    // Extension origins cannot be granted clipboard reads: the copy is read back from the TikTok tab.
    await session.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `https://${variant.host}` });
    const section = dashboard.locator('div', { has: dashboard.locator('h2', { hasText: url }) }).last();
    await section.getByRole('button', { name: 'Copy page outline' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toContain('Page outline copied');
    await page.bringToFront();
    const outline = await page.evaluate(() => navigator.clipboard.readText());
    expect(outline).toContain('dl');
    expect(outline).toContain('"Service name"');
    for (const secret of ['Ads management', 'Growth Partners', 'Spark Agency', '2026', '2025', '2027', 'days left']) {
      expect(outline).not.toContain(secret);
    }
    await dashboard.close();
    await page.close();
  });
});

describe('My request and Partner Management pages built differently', () => {
  it.each(
    sample(
      myRequestVariants().filter((v) => v.host === 'seller-us.tiktok.com'),
      3,
    ).map((v) => [v.name, v] as const),
  )('%s', async (_name, variant) => {
    const page = await session.open(await serve(variant));
    await expect
      .poll(() => panelText(page, 'tsp-request-tracking'), { timeout: 10_000 })
      .toContain('5 requests tracked for shop USLCQPEV3N');
    await page.close();
  });

  it.each(sample(partnerManagementVariants(), 3).map((v) => [v.name, v] as const))('%s', async (_name, variant) => {
    const page = await session.open(await serve(variant));
    await expect.poll(() => panelText(page, 'partner-management'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    const stored = await storedRecords(session.browser, 'partnerAccess');
    expect(stored.find((p) => p.businessCenterId === '7123456789012345679')).toMatchObject({
      businessCenterName: 'Spark Media BC',
      permission: 'Ad promotion',
      status: 'pending',
    });
    await page.close();
  });
});

describe('Business Center Shops built differently', () => {
  it('reads a shop code shown under the name, with no space before the next cell, and never offers a listed shop again', async () => {
    const variant = bcShopsVariants().find(
      (v) => v.name.includes('cards') && v.name.includes('under the name'),
    ) as Variant<unknown>;
    const page = await session.open(await serve({ ...variant, path: '/manage/assets/shops?org_id=7000000000009' }));
    await expect
      .poll(
        async () =>
          (await storedRecords(session.browser, 'accessRequests')).filter((r) => r.businessCenterId === '7000000000009').length,
        {
          timeout: 10_000,
        },
      )
      .toBe(3);
    const stored = (await storedRecords(session.browser, 'accessRequests')).filter((r) => r.businessCenterId === '7000000000009');
    expect(Object.fromEntries(stored.map((r) => [r.shopCode, r.status]))).toEqual({
      USLCQPEV3N: 'approved',
      GBGBLCRKQTEX: 'pending',
      IDIDLCF7PLWCU: 'approved',
    });
    await page.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
