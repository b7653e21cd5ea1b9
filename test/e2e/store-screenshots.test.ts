import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSellerUsServices, type E2eSession, startSession } from './browser';
import { ClosedRoot } from './closed-root';

/**
 * The listing's screenshots for the Chrome Web Store and addons.mozilla.org, made from the real
 * extension on the fixture pages: 1280 x 800, the size both stores take without scaling.
 */
const STORE = resolve(import.meta.dirname, '../../docs/store');
const SIZE = { width: 1280, height: 800 };

let session: E2eSession;

beforeAll(async () => {
  session = await startSession();
  await captureSellerUsServices(session);
  mkdirSync(STORE, { recursive: true });
});

afterAll(() => session?.close());

/** Width and height from a PNG's header (IHDR), as the stores read them. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = `${STORE}/${name}.png`;
  await page.screenshot({ path });
  expect(pngSize(path)).toEqual(SIZE);
}

describe('store listing screenshots', () => {
  it('shows the expiry badges on My Services, the docked Business Center panel and the dashboard, at 1280 x 800', async () => {
    const services = await session.open('https://seller-us.tiktok.com/tsp/manage?tab=services');
    await services.setViewportSize(SIZE);
    await services.locator('sac-badge').first().waitFor({ timeout: 10_000 });
    await shoot(services, '1-my-services-expiry-badges');
    await services.close();

    const shops = await session.open(
      'https://business.tiktok.com/manage/assets/shops?org_id=7000000000042&seed_pending=GBLCPEND01&dates=1',
    );
    await shops.setViewportSize(SIZE);
    const panel = new ClosedRoot(shops, 'sac-overlay[data-sac-helper="bc-shops-panel"]').locator('[data-testid="bc-panel"]');
    await panel.locator('[data-testid="bc-candidates"]').waitFor({ timeout: 10_000 });
    // The request a member made by hand an hour ago is read from the list, and counts in today's quota.
    await panel.locator('[data-testid="bc-requests"] li[data-code="GBLCPEND01"]').waitFor({ timeout: 10_000 });
    await shoot(shops, '2-business-center-one-click-requests');
    await shops.close();

    for (const [tab, name] of [
      ['Overview', '3-dashboard-overview'],
      ['Authorizations', '4-dashboard-authorizations'],
    ]) {
      const page = await session.browser.extensionPage(`/dashboard.html?tab=${tab}`);
      await page.setViewportSize(SIZE);
      await page.waitForFunction(() => !document.body.textContent?.includes('Loading...'), undefined, { timeout: 10_000 });
      await shoot(page, name as string);
      await page.close();
    }
    expect(session.pageErrors).toEqual([]);
  });
});
