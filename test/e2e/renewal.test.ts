import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, type ExtensionBrowser, panelText, shopCodeOverlay, startSession, storedRecords } from './browser';

let session: E2eSession;
let browser: ExtensionBrowser;
const UK = 'https://seller-uk.tiktok.com';

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  // seller-uk shows the UK shop GBGBLCRKQTEX (the new Seller information layout).
  const info = await session.open(`${UK}/profile/seller-profile`);
  await shopCodeOverlay(info).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 10_000 });
  await info.close();
});

afterAll(() => session?.close());

type Renewal = { askedAt?: number; linkReceivedAt?: number };

describe('renewal for a UK seller (only through the partner link)', () => {
  it('offers the ask on My Services, and copying it marks the renewal asked for the dashboard and the team', async () => {
    const page = await session.open(`${UK}/tsp/manage?tab=services`);
    await expect.poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 }).toContain('Saved for shop GBGBLCRKQTEX');
    const text = await panelText(page, 'my-services-badges');
    expect(text).toContain('UK sellers renew only through an authorization link from the partner');
    expect(text).not.toContain('Renew, then choose');
    const panel = page.locator('sac-overlay[data-sac-helper="my-services-badges-panel"]');
    const asks = panel.getByRole('button', { name: 'Ask for a renewal link' });
    // The three services due within the 30-day notice window (12 days, today, 25 days).
    expect(await asks.count()).toBe(3);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: UK });
    // The first line asks for the first service due: Ads management, 12 days left.
    const service = 'Ads management';
    expect(text).toContain(`${service} (Growth Partners Ltd): 12 days left`);
    await asks.first().click();
    await expect.poll(() => panel.getByRole('button', { name: 'Copied: send it to the partner' }).count()).toBe(1);
    const message = await page.evaluate(() => navigator.clipboard.readText());
    expect(message).toContain('shop code GBGBLCRKQTEX');
    expect(message).toContain(`"${service}"`);
    // The click is the ask: it is kept on that authorization only, with its history.
    const asked = async () =>
      (await storedRecords(browser, 'authorizations')).filter((a) => (a.renewal as Renewal | undefined)?.askedAt);
    await expect
      .poll(async () => (await asked()).map((a) => [a.shopCode, a.serviceName]), { timeout: 10_000 })
      .toEqual([['GBGBLCRKQTEX', service]]);
    const [record] = await asked();
    expect(((record?.history ?? []) as { event: string }[]).at(-1)?.event).toBe('renewal_asked');
    await page.close();
    // The dashboard shows the renewal under way and offers the next step.
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    const renewal = dashboard.locator('tr', { hasText: service }).filter({ hasText: 'GBGBLCRKQTEX' }).getByTestId('renewal');
    await expect.poll(() => renewal.getAttribute('data-renewal'), { timeout: 10_000 }).toBe('asked');
    expect(await renewal.getByRole('button', { name: 'Link received' }).count()).toBe(1);
    await dashboard.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
