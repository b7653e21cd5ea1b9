import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FONT_SAFE } from './axe';
import { captureSellerUsShop, type E2eSession, SCREENSHOTS, startSession } from './browser';
import { ClosedRoot } from './closed-root';

let session: E2eSession;
const SHOPS =
  'https://business.tiktok.com/manage/assets/shops?org_id=7000000000009&topbar=fixed&seed_shops=GBLCAAAA11,GBLCBBBB22';

beforeAll(async () => {
  session = await startSession();
  await captureSellerUsShop(session);
});

afterAll(() => session?.close());

const panel = (page: Page) =>
  new ClosedRoot(page, 'sac-overlay[data-sac-helper="bc-shops-panel"]').locator('[data-testid="bc-panel"]');

/** Every control and column header of TikTok's own page that something of ours sits on top of. */
function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const covered: string[] = [];
    for (const element of document.querySelectorAll('th, button, a, input, textarea, select, [role="tab"]')) {
      if (element.closest('sac-overlay, sac-badge')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Both ends and the middle: a control half under the drawer is covered too.
      for (const x of [box.left + 2, box.left + box.width / 2, box.right - 2]) {
        const top = document.elementFromPoint(x, box.top + box.height / 2);
        if (top?.closest('sac-overlay')) {
          covered.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim()}"`);
          break;
        }
      }
    }
    return covered;
  });
}

describe('the Business Center panel docks beside the page', () => {
  for (const width of [1280, 1024]) {
    it(`covers none of the page's controls or headers, open or collapsed (${width} px wide), and remembers`, async () => {
      const page = await session.open(SHOPS);
      await page.setViewportSize({ width, height: 800 });
      const drawer = panel(page);
      await drawer.locator('[data-testid="bc-quota"]').waitFor({ timeout: 10_000 });
      expect(await drawer.getAttribute('data-docked')).toBe('open');
      // Its words only: no symbol, arrow or emoji a stock font may lack.
      expect(await drawer.textContent()).toMatch(FONT_SAFE);
      // The page's own table and its Status column are there, and nothing of ours is on them. The
      // page draws its table 200 ms after load, and the panel may be up before it: wait for the table.
      await page.locator('th', { hasText: 'Status' }).waitFor({ timeout: 10_000 });
      expect(await page.locator('th', { hasText: 'Status' }).count()).toBe(1);
      await expect.poll(() => coveredControls(page), { timeout: 5_000 }).toEqual([]);
      if (width === 1280) await page.screenshot({ path: `${SCREENSHOTS}/business-center-docked.png` });

      await drawer.getByRole('button', { name: 'Collapse' }).click();
      await expect.poll(() => drawer.getAttribute('data-docked')).toBe('collapsed');
      expect(await coveredControls(page)).toEqual([]);
      // Remembered: the next Shops page opens collapsed.
      await page.reload();
      await page.locator('th', { hasText: 'Status' }).waitFor({ timeout: 10_000 });
      await expect.poll(() => panel(page).getAttribute('data-docked'), { timeout: 10_000 }).toBe('collapsed');
      await panel(page)
        .getByRole('button', { name: /Shop Access Companion: \d+ to request/ })
        .click();
      await expect.poll(() => panel(page).getAttribute('data-docked')).toBe('open');
      await expect.poll(() => coveredControls(page), { timeout: 5_000 }).toEqual([]);
      await page.close();
    });
  }

  it('starts as a tab on a page that cannot get narrower, covering nothing, and opens when asked', async () => {
    const page = await session.open(`${SHOPS}&min_width=1200`);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.reload();
    const drawer = panel(page);
    await expect.poll(() => drawer.getAttribute('data-docked'), { timeout: 10_000 }).toBe('collapsed');
    expect(await drawer.locator('[data-testid="bc-crowded"]').textContent()).toContain('cannot make room');
    expect(await coveredControls(page)).toEqual([]);
    await drawer.getByRole('button', { name: /Shop Access Companion: \d+ to request/ }).click();
    await expect.poll(() => drawer.getAttribute('data-docked')).toBe('open');
    // Wide enough for both: open beside the page again, on its own.
    await page.setViewportSize({ width: 1700, height: 800 });
    await page.reload();
    await expect.poll(() => panel(page).getAttribute('data-docked'), { timeout: 10_000 }).toBe('open');
    await expect.poll(() => coveredControls(page), { timeout: 5_000 }).toEqual([]);
    await page.close();
  });

  it("shows a batch one line per code, with a progress bar while it runs and each code's outcome after", async () => {
    const page = await session.open(
      'https://business.tiktok.com/manage/assets/shops?org_id=7000000000010&reset=1&server_ms=600&sent_today=19',
    );
    const drawer = panel(page);
    await drawer.locator('[data-testid="bc-quota"]').waitFor({ timeout: 10_000 });
    await drawer.getByLabel('Paste shop codes').fill('USLCNOSHOP1 GBLCBATCH01 GBLCBATCH02');
    await drawer.getByRole('button', { name: 'Add codes' }).click();
    await drawer.locator('[data-testid="bc-intake"]').waitFor();
    await drawer.getByRole('button', { name: 'Select all' }).click();
    await drawer.getByRole('button', { name: /Request selected/ }).click();
    const line = (code: string) => drawer.locator(`[data-testid="bc-batch"] li[data-code="${code}"]`);
    // TikTok has one of the day's 20 left (members used 19 by hand): the codes are tried in turn
    // until TikTok says the limit is reached, and what is left waits for the next day.
    await expect.poll(() => line('USLCQPEV3N').getAttribute('data-state'), { timeout: 10_000 }).toBe('requesting');
    expect(await drawer.locator('[data-testid="bc-busy"] progress').count()).toBe(1);
    expect(await drawer.locator('[data-testid="bc-batch"] li').allAttributes('data-code')).toEqual([
      'USLCQPEV3N',
      'USLCNOSHOP1',
      'GBLCBATCH01',
      'GBLCBATCH02',
    ]);
    await expect.poll(() => drawer.locator('[data-testid="bc-busy"]').count(), { timeout: 20_000 }).toBe(0);
    expect(await drawer.locator('[data-testid="bc-batch"] li').allAttributes('data-state')).toEqual([
      'sent',
      'refused',
      'queued',
      'queued',
    ]);
    expect(await line('USLCNOSHOP1').textContent()).toContain('not sent: Invalid TikTok Shop code');
    // The code TikTok refused at its limit waits for the next day, as it is recorded, with TikTok's words.
    expect(await line('GBLCBATCH01').textContent()).toContain('queued for the next day (daily limit of 20): You have reached');
    expect(await line('GBLCBATCH02').textContent()).toContain('queued for the next day');
    await page.close();
  });

  it('threw nothing into the page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
