import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSellerUsServices, type E2eSession, type ExtensionBrowser, SCREENSHOTS, startSession } from './browser';

let session: E2eSession;
let browser: ExtensionBrowser;

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  await captureSellerUsServices(session);
});

afterAll(() => session?.close());

async function saved(page: Page, press: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), press()])) as [Download, unknown];
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('your data: export, import and the calendar file', () => {
  it('exports everything, refuses a bad file with its reason, and imports a good one into the dashboard', async () => {
    const page = await browser.extensionPage('/dashboard.html?tab=Settings');
    const section = page.getByTestId('your-data');
    const exported = await saved(page, () => section.getByRole('button', { name: 'Export everything (JSON)' }).click());
    expect(exported.name).toMatch(/^shop-access-companion-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.text);
    expect(file.format).toBe('shop-access-companion-export');
    expect(file.tables.shops.map((s: { shopCode: string }) => s.shopCode)).toEqual(['USLCQPEV3N']);
    expect(file.tables.authorizations).toHaveLength(9);
    const picker = section.getByLabel('Import an export');
    await picker.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('This file is not JSON. Choose a file made by "Export everything".');
    // The same export with one shop more: the shop is added, what is here is kept as it is.
    file.tables.shops.push({ ...file.tables.shops[0], shopCode: 'MXMXLCVFLL4L', name: 'Casa Lumbre', region: 'MX' });
    await picker.setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    const status = page.getByTestId('your-data-message');
    await expect.poll(() => status.textContent()).toBe('Imported 1 shop. 10 records were already here and kept as they are.');
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-your-data.png`, fullPage: true });
    await page.getByRole('tab', { name: 'Shops' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Casa Lumbre');
    await page.close();
  });

  it('saves the expiries as a calendar file, with reminders, for a browser without a team', async () => {
    const page = await browser.extensionPage('/dashboard.html?tab=Settings');
    const ics = await saved(page, () => page.getByRole('button', { name: 'Calendar file (.ics)' }).click());
    expect(ics.name).toBe('partner-expiries.ics');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    // Active services with an expiry day: four of the nine (Completed, Canceled, Closed, unreadable and "Permanent" have none).
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    // Long lines are folded (RFC 5545): unfold before reading them.
    expect(ics.text.replace(/\r\n[ \t]/g, '')).toContain(
      'SUMMARY:Partner authorization expires: Ads management by Growth Partners Ltd (USLCQPEV3N)',
    );
    expect(ics.text).toContain('TRIGGER:-P30D');
    await page.close();
  });

  it('opens on an overview: every shop by name and code, and the next 90 days of expiries coloured by urgency', async () => {
    const page = await browser.extensionPage('/dashboard.html');
    const overview = page.getByTestId('overview');
    await expect.poll(() => overview.textContent(), { timeout: 10_000 }).toContain('Maple & Moss Home USLCQPEV3N');
    const dots = page.locator('[data-testid="expiry-timeline"] circle');
    await expect.poll(() => dots.count()).toBe(4);
    // Today, 12 days (urgent), 25 days (within the 30-day notice window), 45 days (later).
    expect(await dots.evaluateAll((all) => all.map((d) => d.getAttribute('data-band')))).toEqual([
      'today',
      'urgent',
      'notice',
      'ok',
    ]);
    expect(await dots.nth(1).locator('title').textContent()).toBe(
      'Ads management (Growth Partners Ltd), Maple & Moss Home: in 12 days (urgent)',
    );
    expect(await overview.textContent()).toContain('Nothing is waiting on a seller or a partner.');
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-overview.png`, fullPage: true });
    // The browser's dark setting turns the page dark: text and background both follow it.
    await page.emulateMedia({ colorScheme: 'dark' });
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return [style.color, style.backgroundColor];
    });
    expect(colours).toEqual(['rgb(230, 237, 243)', 'rgb(13, 17, 23)']);
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-overview-dark.png`, fullPage: true });
    await page.close();
  });

  it('imports shop codes from a CSV file, with the reason for each row that gave none', async () => {
    const page = await browser.extensionPage('/dashboard.html?tab=Access%20requests');
    const csv = ['Shop code,Client', 'PHLCDRL2UT,Sari Home', 'XXLCQPEV3N,Typo', ',No code here', 'VNLC67LW3F,Pho Co'].join(
      '\r\n',
    );
    await page
      .getByLabel('or import a CSV file')
      .setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.getByTestId('intake-result').textContent()).toContain('Added: PHLCDRL2UT, VNLC67LW3F');
    const problems = await page.getByTestId('csv-problems').locator('li').allTextContents();
    expect(problems[0]).toMatch(/^Row 3: "XXLCQPEV3N": /);
    expect(problems[1]).toBe('Row 4: no shop code in ",No code here"');
    expect(problems).toHaveLength(2);
    await page.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
