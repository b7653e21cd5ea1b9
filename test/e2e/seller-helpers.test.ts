import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureSellerUsShop,
  type E2eSession,
  type ExtensionBrowser,
  panelText,
  rowBadgeLabels,
  SCREENSHOTS,
  startSession,
  storedRecords,
} from './browser';
import { ClosedRoot } from './closed-root';

let session: E2eSession;
let browser: ExtensionBrowser;
const open = (url: string) => session.open(url);
const SERVICES = 'https://seller-us.tiktok.com/tsp/manage?tab=services';

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  // The extension learns which shop seller-us shows from Seller information.
  await captureSellerUsShop(session);
});

afterAll(() => session?.close());

const badges = (page: Page) => rowBadgeLabels(page, 'my-services-badges');

const FIRST_VIEW = [
  '12 days left',
  'Expires today',
  'Completed',
  'Authorization Canceled',
  'Closed',
  '45 days left',
  '25 days left',
  'Date unreadable',
  'Status unreadable',
];

describe('My Services expiry badges', () => {
  it('badges every row: countdowns, statuses that no longer count down, and unreadable text', async () => {
    const page = await open(SERVICES);
    await expect.poll(() => badges(page), { timeout: 10_000 }).toEqual(FIRST_VIEW);
    const tones = await page.$$eval('sac-badge', (hosts) => hosts.map((h) => h.getAttribute('data-tone')));
    expect(tones).toEqual(['urgent', 'today', 'inactive', 'inactive', 'inactive', 'ok', 'notice', 'unreadable', 'unreadable']);
    // Unreadable keeps the raw text for the user to see.
    const titles = await page.$$eval('sac-badge', (hosts) => hosts.map((h) => (h as HTMLElement).title));
    expect(titles[7]).toContain('"Permanent"');
    expect(titles[8]).toContain('"Paused"');
    await expect.poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    expect(await panelText(page, 'my-services-badges')).toContain('9 services read; 2 expire within 15 days');
    // A US shop renews only through the partner's link: each service due within 30 days offers the ask.
    const servicesPanel = page.locator('sac-overlay[data-sac-helper="my-services-badges-panel"]');
    const ask = servicesPanel.getByRole('button', { name: 'Ask for a renewal link' });
    expect(await ask.count()).toBe(3);
    expect(await panelText(page, 'my-services-badges')).toContain('US sellers renew only through an authorization link');
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://seller-us.tiktok.com' });
    await ask.first().click();
    await expect.poll(() => servicesPanel.getByRole('button', { name: 'Copied: send it to the partner' }).count()).toBe(1);
    const message = await page.evaluate(() => navigator.clipboard.readText());
    expect(message).toContain('could you send us a renewal link');
    expect(message).toContain('shop code USLCQPEV3N');
    await page.close();
  });

  it('badges the rows Show More reveals, and keeps them for the shop', async () => {
    const page = await open(SERVICES);
    await expect.poll(() => badges(page), { timeout: 10_000 }).toHaveLength(9);
    await page.click('#show-more');
    await expect.poll(() => badges(page)).toEqual([...FIRST_VIEW, '3 days left', 'Expired 3 days ago']);
    await page.screenshot({ path: `${SCREENSHOTS}/my-services-badges.png`, fullPage: true });
    await expect.poll(async () => (await storedRecords(browser, 'authorizations')).length, { timeout: 10_000 }).toBe(11);
    const stored = await storedRecords(browser, 'authorizations');
    expect(stored.find((a) => a.serviceName === 'Ads management')).toMatchObject({
      shopCode: 'USLCQPEV3N',
      partner: 'Growth Partners Ltd',
      serviceType: 'custom',
      status: 'active',
    });
    expect(stored.find((a) => a.serviceName === 'Analytics')).toMatchObject({ expiresAt: null, rawExpiresAt: 'Permanent' });
    expect(stored.find((a) => a.serviceName === 'Mystery service')).toMatchObject({ status: null, rawStatus: 'Paused' });
    await page.close();
  });

  it('notices a service no longer listed once the whole list is seen: it stops counting down', async () => {
    const whole = async () => {
      const full = await open(SERVICES);
      await full.getByRole('button', { name: 'Show More' }).click({ timeout: 10_000 });
      await expect.poll(() => badges(full), { timeout: 10_000 }).toHaveLength(11);
      await expect.poll(() => panelText(full, 'my-services-badges'), { timeout: 10_000 }).toContain('11 services read');
      return full;
    };
    await (await whole()).close();
    const page = await open(`${SERVICES}&omit=Customer%20service`);
    await expect.poll(() => badges(page), { timeout: 10_000 }).toHaveLength(8);
    // Show More not yet pressed: the list is not whole, nothing is judged.
    await expect
      .poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 })
      .toContain('Not every record is shown (the list offers "Show More")');
    await page.getByRole('button', { name: 'Show More' }).click();
    await expect
      .poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 })
      .toContain('No longer listed (they stop counting down and reminding): Customer service.');
    await page.close();
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    const ended = dashboard.locator('tr', { hasText: 'Customer service' });
    await expect.poll(() => ended.textContent(), { timeout: 10_000 }).toContain('No longer listed');
    await dashboard.close();
    // Listed again on the next whole visit: counting again.
    await (await whole()).close();
    const presence = async () => {
      const record = (await storedRecords(browser, 'authorizations')).find((a) => a.serviceName === 'Customer service');
      return record === undefined ? 'missing' : record.lostAt === undefined ? 'listed' : 'lost';
    };
    await expect.poll(presence).toBe('listed');
  });

  it('never duplicates or loses a badge through a re-render storm', async () => {
    const page = await open(SERVICES);
    await expect.poll(() => badges(page), { timeout: 10_000 }).toHaveLength(9);
    for (let i = 0; i < 25; i++) await page.click('#refresh');
    await page.evaluate(
      () =>
        new Promise<void>((done) =>
          (window as unknown as { __storm: (n: number, k: number, d: () => void) => void }).__storm(20, 3, done),
        ),
    );
    await expect.poll(() => page.locator('#rows').getAttribute('data-renders')).toBe('26');
    await expect.poll(() => badges(page)).toEqual(FIRST_VIEW);
    const perRow = await page.$$eval('#rows tr', (rows) => rows.map((r) => r.querySelectorAll('sac-badge').length));
    expect(perRow).toEqual(Array(9).fill(1));
    await page.close();
  });

  it('reads another build (an ARIA grid, other column order, UK day-first dates) and says when the shop is unknown', async () => {
    const page = await open('https://seller-uk.tiktok.com/tsp/manage?tab=services&fixture=grid');
    await expect
      .poll(() => rowBadgeLabels(page, 'my-services-badges'), { timeout: 10_000 })
      .toEqual(['5 days left', '40 days left', 'Completed']);
    await expect
      .poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 })
      .toContain('which shop this page belongs to cannot be told');
    await page.screenshot({ path: `${SCREENSHOTS}/my-services-shop-unknown.png` });
    expect((await storedRecords(browser, 'authorizations')).some((a) => a.partner === 'Brand Builders UK')).toBe(false);
    await page.close();
  });

  it('says visibly when My Services has no table it can read', async () => {
    const page = await open('https://seller-us.tiktok.com/tsp/manage?tab=services&fixture=unrecognised');
    await expect
      .poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 })
      .toContain('My Services: helper unavailable here');
    expect(await badges(page)).toEqual([]);
    // For a bug report: the page's outline, values masked (the masking itself is tested in page-recognition.test.ts).
    await page
      .locator('sac-overlay[data-sac-helper="my-services-badges-panel"]')
      .getByRole('button', { name: 'Copy page outline' })
      .click();
    await expect.poll(() => panelText(page, 'my-services-badges')).toMatch(/Page outline copied|Copy failed/);
    await page.close();
  });

  it('follows in-app navigation to My Services in the single-page app', async () => {
    const page = await open('https://seller-us.tiktok.com/homepage');
    await expect.poll(() => page.getByText('Welcome back.').count()).toBe(1);
    await page.evaluate(() => {
      history.pushState({}, '', '/tsp/manage?tab=services');
      (document.getElementById('app') as HTMLElement).innerHTML =
        '<div role="tab" aria-selected="true">My Services</div><table><thead><tr><th>Service</th><th>Partner</th><th>Status</th><th>Expiry date</th></tr></thead>' +
        `<tbody><tr><td>Ads management</td><td>Growth Partners Ltd</td><td>Active</td><td>${new Date(Date.now() + 12 * 86400000).toISOString().slice(0, 10)}</td></tr></tbody></table>`;
    });
    await expect.poll(() => badges(page), { timeout: 10_000 }).toEqual(['12 days left']);
    await page.evaluate(() => {
      history.pushState({}, '', '/order');
      (document.getElementById('app') as HTMLElement).innerHTML = '<h3>Orders</h3>';
    });
    await expect.poll(() => badges(page)).toEqual([]);
    await page.close();
  });
});

describe('everywhere in Seller Center', () => {
  it("shows a dismissible chip with the shop's authorizations expiring within 15 days, linking to My Services", async () => {
    const page = await open('https://seller-us.tiktok.com/homepage');
    // In a closed shadow root (it shows stored records): reached through the DevTools protocol.
    const chip = new ClosedRoot(page, 'sac-overlay[data-sac-helper="expiry-chip"]');
    await expect
      .poll(
        () =>
          chip
            .locator('[data-testid="sac-expiry-chip"]')
            .textContent({ timeout: 500 })
            .catch(() => ''),
        {
          timeout: 10_000,
        },
      )
      .toContain('3 partner authorizations of Maple & Moss Home expire within 15 days');
    expect(await chip.locator('a').getAttribute('href')).toBe(SERVICES);
    expect(await chip.locator('a').textContent()).toBe('Review in My Services');
    expect(
      await page.evaluate(() => document.querySelector('sac-overlay[data-sac-helper="expiry-chip"]')?.shadowRoot),
    ).toBeNull();
    await page.screenshot({ path: `${SCREENSHOTS}/expiry-chip.png` });
    await chip.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => chip.count()).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByText('Welcome back.').count()).toBe(1);
    expect(await chip.count()).toBe(0);
    await page.close();
  });

  it('counts the same authorizations on the toolbar icon', async () => {
    await expect.poll(() => browser.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('3');
  });

  it('sends each reminder once, across checks', async () => {
    // Expiry reminders only (news told once, such as a partner closed, is kept in the same table, threshold -1).
    // The US shop's (the Mexican shop visited above has its own).
    const sent = (await storedRecords(browser, 'sentAlerts')).filter(
      (s) => Number(s.threshold) >= 0 && String(s.authorizationId).startsWith('USLCQPEV3N|'),
    );
    // 12 days left -> the 15-day reminder (answering 30 too); 25 -> the 30-day one; today -> the day-of one; 3 days -> the 7-day one.
    expect(sent.map((s) => `${String(s.authorizationId).split('|')[1]}:${s.threshold}`).sort()).toEqual([
      'ads management:15',
      'ads management:30',
      'fulfilment:30',
      'livestream operations:0',
      'livestream operations:1',
      'livestream operations:15',
      'livestream operations:30',
      'livestream operations:7',
      'returns handling:15',
      'returns handling:30',
      'returns handling:7',
    ]);
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Diagnostics');
    await dashboard.getByRole('button', { name: 'Check expiries now' }).click();
    await expect.poll(() => dashboard.getByText('0 reminder(s) sent.').count()).toBe(1);
    expect(
      (await storedRecords(browser, 'sentAlerts')).filter(
        (s) => Number(s.threshold) >= 0 && String(s.authorizationId).startsWith('USLCQPEV3N|'),
      ).length,
    ).toBe(sent.length);
    await dashboard.close();
  });
});

describe('request tracking', () => {
  it('keeps TSP request statuses with their history and highlights what changed since the last visit', async () => {
    const first = await open('https://seller-us.tiktok.com/tsp/manage?tab=requests&visit=1');
    await expect
      .poll(() => panelText(first, 'tsp-request-tracking'), { timeout: 10_000 })
      .toContain('4 requests tracked for shop USLCQPEV3N; 0 changed');
    expect(await rowBadgeLabels(first, 'tsp-request-tracking')).toEqual([]);
    await first.close();
    const second = await open('https://seller-us.tiktok.com/tsp/manage?tab=requests&visit=2');
    await expect
      .poll(() => rowBadgeLabels(second, 'tsp-request-tracking'), { timeout: 10_000 })
      .toEqual(['Changed since last visit', 'Changed since last visit', 'Changed since last visit', 'Status unreadable']);
    await second.screenshot({ path: `${SCREENSHOTS}/my-request-changes.png` });
    const growth = (await storedRecords(browser, 'tspRequests')).find((r) => r.partner === 'Growth Partners Ltd');
    expect(growth).toMatchObject({ status: 'partner_accepted', shopCode: 'USLCQPEV3N' });
    expect(((growth?.history ?? []) as Array<{ rawStatus: string }>).map((h) => h.rawStatus)).toEqual([
      'Partner reviewing',
      'Partner accepted',
    ]);
    await second.close();
  });

  it('captures every Business Center with access or a pending request (Partner Management)', async () => {
    const page = await open('https://seller-us.tiktok.com/ads/account/partner-management');
    await expect.poll(() => panelText(page, 'partner-management'), { timeout: 10_000 }).toContain('Saved for shop USLCQPEV3N');
    expect(await rowBadgeLabels(page, 'partner-management')).toEqual(['Status unreadable']);
    const stored = await storedRecords(browser, 'partnerAccess');
    expect(stored.map((a) => [a.businessCenterName, a.businessCenterId, a.status]).sort()).toEqual([
      ['Acme Media BC', '7123456789012345678', 'approved'],
      ['Blue Fin Partners', '7345678901234567890', null],
      ['Northwind Agency', '7234567890123456789', 'pending'],
    ]);
    await page.close();
  });

  it('marks a Business Center no longer listed as removed, names a new one, and shows who can reach the shop', async () => {
    const page = await open(
      'https://seller-us.tiktok.com/ads/account/partner-management?remove=Blue%20Fin%20Partners&add=Contoso%20Ads',
    );
    await expect
      .poll(() => panelText(page, 'partner-management'), { timeout: 10_000 })
      .toContain('Removed (no longer listed): Blue Fin Partners.');
    expect(await panelText(page, 'partner-management')).toContain('New since your last visit: Contoso Ads.');
    // The new one is marked in its own row too.
    await expect.poll(() => rowBadgeLabels(page, 'partner-management'), { timeout: 10_000 }).toEqual(['New']);
    expect(
      await page.$$eval('sac-badge[data-sac-helper="partner-management"]', (hosts) =>
        hosts.map((h) => h.closest('tr, [role="row"], li')?.textContent ?? ''),
      ),
    ).toEqual([expect.stringContaining('Contoso Ads')]);
    await page.close();
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Partner%20requests');
    const blueFin = dashboard.locator('[data-testid="partner-access"] tr[data-center="Blue Fin Partners"]');
    await expect.poll(() => blueFin.getAttribute('data-removed'), { timeout: 10_000 }).toBe('yes');
    expect(await blueFin.textContent()).toContain('Removed (not listed since');
    expect(await dashboard.locator('tr[data-center="Acme Media BC"]').textContent()).toContain('Ad promotion');
    await dashboard.getByRole('tab', { name: 'Shops' }).click();
    const reach = dashboard.getByTestId('who-can-reach');
    await expect.poll(() => reach.locator('[data-testid="reach-centers"] li').count(), { timeout: 10_000 }).toBe(4);
    expect(await reach.locator('li[data-removed="yes"]').textContent()).toContain('Blue Fin Partners');
    expect(await reach.textContent()).toContain('Partner Management: Remove access on the Business Center.');
    expect(await reach.textContent()).toContain('Cancel Authorization');
    expect(await reach.getByRole('link', { name: 'Open Partner Management' }).getAttribute('href')).toBe(
      'https://seller-us.tiktok.com/ads/account/partner-management',
    );
    await reach.screenshot({ path: `${SCREENSHOTS}/dashboard-who-can-reach.png` });
    await dashboard.close();
  });
});

describe('dashboard and diagnostics', () => {
  it('lists authorizations with the same badges, and the requests with their history', async () => {
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    await expect.poll(() => dashboard.locator('[data-authorization]').count()).toBe(11);
    await dashboard.screenshot({ path: `${SCREENSHOTS}/dashboard-authorizations.png`, fullPage: true });
    await dashboard.getByRole('tab', { name: 'Partner requests' }).click();
    await expect.poll(() => dashboard.locator('[data-testid="tsp-requests"] tbody tr').count()).toBe(5);
    await dashboard.close();
  });

  it('offers renewal as the region allows: a renewal-link request for a US shop, Renew for a shop in Mexico', async () => {
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Authorizations');
    // A Mexican shop's authorization, as My Services on seller-mx would have stored it.
    await dashboard.evaluate(
      (expiresAt) =>
        new Promise<void>((done) => {
          const open = indexedDB.open('shop-access-companion');
          open.onsuccess = () => {
            const tx = open.result.transaction(['shops', 'authorizations'], 'readwrite');
            tx.objectStore('shops').put({
              shopCode: 'MXLCTACO01',
              name: 'Tacos Norte',
              region: 'MX',
              sellerType: 'local',
              sellerCenterHost: 'seller-mx.tiktok.com',
              standardCode: true,
              firstSeenAt: 1,
              lastSeenAt: 1,
            });
            tx.objectStore('authorizations').put({
              id: 'MXLCTACO01|x',
              shopCode: 'MXLCTACO01',
              serviceName: 'Catalog care',
              partner: 'Norte Partners',
              serviceType: 'custom',
              status: 'active',
              rawStatus: 'Active',
              authorizedAt: 1,
              expiresAt,
              lastSeenAt: 1,
            });
            tx.oncomplete = () => done();
          };
        }),
      Date.now() + 5 * 86_400_000,
    );
    await dashboard.reload();
    // What the page puts on the clipboard (an extension page cannot be granted clipboard reading in a test).
    await dashboard.evaluate(() => {
      const copied: string[] = [];
      (window as unknown as { __copied: string[] }).__copied = copied;
      navigator.clipboard.writeText = async (text: string) => void copied.push(text);
    });
    const us = dashboard.locator('tr', { hasText: 'Ads management' }).getByTestId('renewal');
    await us.getByRole('button', { name: 'Ask for a renewal link' }).click();
    await expect.poll(() => us.getAttribute('data-renewal')).toBe('asked');
    const message = (await dashboard.evaluate(() => (window as unknown as { __copied: string[] }).__copied)).join('\n');
    expect(message).toContain('Hello Growth Partners Ltd,');
    expect(message).toContain('"Ads management"');
    expect(message).toContain('Maple & Moss Home (shop code USLCQPEV3N)');
    expect(message).toMatch(/expires on \d{4}-\d{2}-\d{2}/);
    await us.getByRole('button', { name: 'Link received' }).click();
    await expect.poll(() => us.getAttribute('data-renewal')).toBe('link_received');
    // Both steps are in the authorization's history (What changed, and teammates, see the renewal under way).
    const ads = (await storedRecords(browser, 'authorizations')).find((a) => a.serviceName === 'Ads management');
    expect(((ads?.history ?? []) as { event: string }[]).slice(-2).map((h) => h.event)).toEqual([
      'renewal_asked',
      'renewal_link_received',
    ]);
    const mx = dashboard.locator('tr', { hasText: 'Catalog care' }).getByTestId('renewal');
    expect(await mx.textContent()).toBe('Renew on My Services (Renew, then choose the period).');
    expect(await mx.getByRole('button').count()).toBe(0);
    await dashboard.screenshot({ path: `${SCREENSHOTS}/dashboard-renewal.png`, fullPage: true });
    await dashboard.close();
  });

  it('puts the current tab first in the popup: what expires soon for this shop, or that it is not a TikTok page', async () => {
    const popup = await browser.extensionPage('/popup.html');
    const glance = popup.getByTestId('tab-glance');
    // The popup itself is the active tab: not a page the extension works on.
    await expect.poll(() => glance.getAttribute('data-kind'), { timeout: 10_000 }).toBe('none');
    const page = await open(SERVICES);
    await expect.poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 }).toContain('Saved for shop');
    await page.bringToFront();
    await popup.reload();
    await expect.poll(() => glance.getAttribute('data-kind'), { timeout: 10_000 }).toBe('seller');
    expect(await glance.textContent()).toContain('This shop: Maple & Moss Home');
    expect(await glance.textContent()).toContain('Ads management (Growth Partners Ltd): 12 days left');
    await popup.setViewportSize({ width: 480, height: 520 });
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-current-tab.png` });
    await page.close();
    await popup.close();
  });

  it('refuses bad settings with the reason and applies good ones to the badges', async () => {
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Settings');
    await dashboard.getByLabel('Urgent within (days)').fill('40');
    await dashboard.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dashboard.locator('p.error').textContent()).toContain('urgent window must not be longer');
    // Beside the field it concerns, and linked to it.
    const urgent = dashboard.getByLabel('Urgent within (days)');
    expect(await urgent.getAttribute('aria-invalid')).toBe('true');
    expect(await dashboard.locator(`#${await urgent.getAttribute('aria-describedby')}`).textContent()).toContain(
      'make it shorter, or the notice window longer',
    );
    await dashboard.getByLabel('Remind at (days before)').fill('30, soon');
    await dashboard.getByRole('button', { name: 'Save' }).click();
    const remind = dashboard.getByLabel('Remind at (days before)');
    await expect.poll(() => remind.getAttribute('aria-invalid')).toBe('true');
    expect(await dashboard.locator(`#${await remind.getAttribute('aria-describedby')}`).textContent()).toBe(
      'Use a whole number of days from 0 to 365.',
    );
    await dashboard.getByLabel('Remind at (days before)').fill('30, 15, 7, 1, 0');
    await dashboard.getByLabel('Urgent within (days)').fill('5');
    await dashboard.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dashboard.getByText('Saved.').count()).toBe(1);
    const page = await open(SERVICES);
    await expect
      .poll(async () => (await page.$$eval('sac-badge', (h) => h.map((x) => x.getAttribute('data-tone'))))[0], {
        timeout: 10_000,
      })
      .toBe('notice');
    await dashboard.getByLabel('Urgent within (days)').fill('15');
    await dashboard.getByRole('button', { name: 'Save' }).click();
    await page.close();
    await dashboard.close();
  });

  it('shows which helpers matched each open page and what they missed', async () => {
    const page = await open('https://seller-us.tiktok.com/tsp/manage?tab=services&fixture=unrecognised');
    await expect.poll(() => panelText(page, 'my-services-badges'), { timeout: 10_000 }).toContain('helper unavailable here');
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Diagnostics');
    // A report left by a tab that closed while the background slept: not an open tab, not listed.
    await dashboard.evaluate(() =>
      chrome.storage.session.set({
        'helpers:987654': {
          stale: {
            helper: 'stale-helper',
            state: 'active',
            detail: ['from a closed tab'],
            url: 'https://seller-us.tiktok.com/gone',
          },
        },
      }),
    );
    await dashboard.reload();
    const row = dashboard.locator('tr[data-helper="my-services-badges"][data-state="unavailable"]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await row.first().textContent()).toContain('no repeated records with dates, periods, status words');
    await expect
      .poll(() => dashboard.locator('tr[data-helper="shop-code-capture"][data-state="waiting"]').count())
      .toBeGreaterThan(0);
    expect(await dashboard.getByTestId('diagnostics').textContent()).not.toContain('seller-us.tiktok.com/gone');
    await dashboard.screenshot({ path: `${SCREENSHOTS}/diagnostics.png`, fullPage: true });
    await dashboard.close();
    await page.close();
  });

  it('watches the expiry an authorization link gives, from the seller pressing Confirm', async () => {
    const AUTHORIZE =
      'https://seller-us.tiktok.com/services/market/custom-authorize/7311?shop_region=US&service=Inventory%20sync';
    const page = await open(AUTHORIZE);
    await expect
      .poll(() => panelText(page, 'authorization-link'), { timeout: 10_000 })
      .toMatch(/watches Inventory sync by Growth Partners Ltd: 1 year\(s\), until about \d{4}-\d{2}-\d{2}/);
    const stored = async () =>
      (await storedRecords(browser, 'authorizations')).find((a) => a.serviceName === 'Inventory sync') as
        | { expiresAt: number; rawStatus: string }
        | undefined;
    // A page script's click is not the seller's: nothing is recorded.
    await page.evaluate(() => (document.getElementById('confirm') as HTMLButtonElement).click());
    await page.getByText('Authorization completed').waitFor();
    expect(await stored()).toBeUndefined();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect
      .poll(() => panelText(page, 'authorization-link'), { timeout: 10_000 })
      .toMatch(/Watching Inventory sync for USLCQPEV3N: expires \d{4}/);
    const watched = await stored();
    expect(watched?.rawStatus).toBe('Authorized by link');
    const days = ((watched?.expiresAt ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(360);
    expect(days).toBeLessThan(370);
    await page.close();

    // A page like it without a readable duration: said on the page, nothing recorded.
    const unreadable = await open(`${AUTHORIZE.replace('Inventory%20sync', 'Catalog%20sync')}&durations=`);
    await expect
      .poll(() => panelText(unreadable, 'authorization-link'), { timeout: 15_000 })
      .toContain('Authorization link: helper unavailable here');
    await unreadable.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
