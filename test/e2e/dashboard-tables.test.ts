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

/** The service name of each row, top to bottom. */
const services = (page: Page) => page.locator('[data-testid="authorizations"] tbody tr td:nth-child(2)').allTextContents();

describe('dashboard tables: search, filters, sorting and counts', () => {
  it('finds, filters and orders the authorizations, and says how many are shown', async () => {
    const page = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    const count = page.getByTestId('authorizations-count');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('9 authorizations');
    // Soonest expiry first; a service without an expiry day (Permanent) last.
    const first = await services(page);
    expect(first.indexOf('Livestream operations')).toBeLessThan(first.indexOf('Ads management'));
    expect(first.indexOf('Ads management')).toBeLessThan(first.indexOf('Fulfilment'));
    expect(first.indexOf('Fulfilment')).toBeLessThan(first.indexOf('Customer service'));
    expect(first.at(-1)).toBe('Analytics');
    const expires = page.getByRole('columnheader', { name: 'Expires' });
    expect(await expires.getAttribute('aria-sort')).toBe('ascending');

    // Status groups as the badges do: how soon what counts down expires, else the page's word for why not.
    await page.getByLabel('Status').selectOption('Expires within 15 days');
    await expect.poll(() => count.textContent()).toBe('Showing 2 of 9 authorizations');
    expect((await services(page)).sort()).toEqual(['Ads management', 'Livestream operations']);
    await page.getByLabel('Status').selectOption('Completed');
    await expect.poll(() => services(page)).toEqual(['Catalog optimisation']);
    await page.getByLabel('Status').selectOption('Active, not due');
    await expect.poll(() => services(page)).toEqual(['Customer service']);
    await page.getByLabel('Search authorizations').fill('helpdesk');
    await expect.poll(() => services(page)).toEqual(['Customer service']);
    expect(await count.textContent()).toBe('Showing 1 of 9 authorizations');
    await page.getByLabel('Search authorizations').fill('helpdesk closed');
    await expect.poll(() => page.getByText('No authorization matches the search and filters.').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await expect.poll(() => count.textContent()).toBe('9 authorizations');

    // A header sorts by its column, then the other way, from the keyboard as well.
    const service = page.getByRole('columnheader', { name: 'Service' });
    await service.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => service.getAttribute('aria-sort')).toBe('ascending');
    expect(await expires.getAttribute('aria-sort')).toBe('none');
    const up = await services(page);
    expect(up).toEqual([...up].sort((a, b) => a.localeCompare(b)));
    expect(up[0]).toBe('Ads management');
    await page.keyboard.press('Enter');
    await expect.poll(() => service.getAttribute('aria-sort')).toBe('descending');
    expect(await services(page)).toEqual([...up].reverse());
    await page.getByLabel('Partner').selectOption('Helpdesk Pro');
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-table-filters.png`, fullPage: true });
    expect(await services(page)).toEqual(['Customer service']);
    // The table as shown, as a CSV file: the one row the filter keeps.
    const [file] = (await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV (1)' }).click(),
    ])) as [Download, unknown];
    expect(file.suggestedFilename()).toBe('authorizations.csv');
    const lines = readFileSync(await file.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('shopCode,serviceName,partner,serviceType,status,authorizedAt,expiresAt,lostAt,lastSeenAt');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['USLCQPEV3N,Customer service,Helpdesk Pro']);
    await page.close();
  });

  it('opens one shop on its own page: who can reach it, its services, requests and changes', async () => {
    const page = await browser.extensionPage('/dashboard.html?tab=Shops');
    await page.getByRole('link', { name: 'USLCQPEV3N' }).click();
    const shop = page.getByTestId('shop-page');
    await expect
      .poll(() => shop.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 10_000 })
      .toBe('Maple & Moss Home USLCQPEV3N');
    expect(new URL(page.url()).searchParams.get('shop')).toBe('USLCQPEV3N');
    await expect.poll(() => shop.getByTestId('authorizations-count').textContent(), { timeout: 10_000 }).toBe('9 authorizations');
    expect(await shop.getByTestId('who-can-reach').textContent()).toContain('Helpdesk Pro');
    await page.screenshot({ path: `${SCREENSHOTS}/dashboard-shop-page.png`, fullPage: true });
    // Another tab and back: the Shops tab lists every shop again, the shop opened before is left behind.
    await page.getByRole('tab', { name: 'Authorizations' }).click();
    await page.getByRole('tab', { name: 'Shops', exact: true }).click();
    await expect.poll(() => page.getByTestId('shop-list').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('shop-page').count()).toBe(0);
    await page.getByRole('link', { name: 'USLCQPEV3N' }).click();
    await shop.waitFor({ timeout: 10_000 });
    await shop.getByRole('link', { name: 'All shops' }).click();
    await expect.poll(() => page.getByTestId('shop-list').count(), { timeout: 10_000 }).toBe(1);
    // A link to a shop this browser does not hold says so and lists the shops it does.
    await page.goto(page.url().replace(/\?.*$/, '?tab=Shops&shop=GBLCNOPE00'));
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('No shop GBLCNOPE00 in this browser');
    expect(await page.getByTestId('shop-list').locator('[data-shop-code="USLCQPEV3N"]').count()).toBe(1);
    await page.close();
  });
});
