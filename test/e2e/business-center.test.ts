import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSellerUsShop, type E2eSession, type ExtensionBrowser, SCREENSHOTS, startSession, storedRecords } from './browser';
import { ClosedRoot } from './closed-root';

let session: E2eSession;
let browser: ExtensionBrowser;
const open = (url: string) => session.open(url);
const BC = '7000000000001';
const shopsUrl = (org: string, extra = '') => `https://business.tiktok.com/manage/assets/shops?org_id=${org}${extra}`;

beforeAll(async () => {
  session = await startSession();
  browser = session.browser;
  // The extension learns which shop seller-us shows from Seller information.
  await captureSellerUsShop(session);
});

afterAll(() => session?.close());

/** The panel lives in a closed shadow root: reached through the DevTools protocol, as no page script can. */
const panel = (page: Page) =>
  new ClosedRoot(page, 'sac-overlay[data-sac-helper="bc-shops-panel"]').locator('[data-testid="bc-panel"]');
const requests = async (org: string) =>
  (await storedRecords(browser, 'accessRequests')).filter((r) => r.businessCenterId === org);
const requestRow = (page: Page, code: string) => panel(page).locator(`[data-testid="bc-requests"] li[data-code="${code}"]`);

async function paste(page: Page, text: string) {
  await panel(page).getByLabel('Paste shop codes').fill(text);
  await panel(page).getByRole('button', { name: 'Add codes' }).click();
  await panel(page).locator('[data-testid="bc-intake"]').waitFor();
}

describe('Business Center: one-click shop access requests', () => {
  it('requests one shop from the empty page (Add TikTok Shop) and records it only after TikTok confirms', async () => {
    const page = await open(shopsUrl(BC, '&reset=1'));
    await expect.poll(() => page.getByRole('button', { name: 'Add TikTok Shop' }).count()).toBe(1);
    const candidate = panel(page).locator('[data-testid="bc-candidates"] li[data-code="USLCQPEV3N"]');
    await candidate.waitFor({ timeout: 10_000 });
    expect(await candidate.textContent()).toContain('Maple & Moss Home');
    await page.screenshot({ path: `${SCREENSHOTS}/business-center-panel.png` });
    await candidate.getByRole('button', { name: 'Request access' }).click();
    await expect.poll(() => requestRow(page, 'USLCQPEV3N').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending');
    const [record] = await requests(BC);
    expect(record).toMatchObject({
      shopCode: 'USLCQPEV3N',
      status: 'pending',
      method: 'request_access',
      approvalLink: `https://business.tiktok.com/approve/shop?token=${BC}-USLCQPEV3N`,
    });
    expect(record?.requestedAt).toEqual(expect.any(Number));
    // TikTok's own list now shows the shop, pending.
    await expect.poll(() => page.locator('tr[data-code="USLCQPEV3N"]').textContent()).toContain('Pending approval');
    expect(await panel(page).locator('[data-testid="bc-quota"]').textContent()).toContain('Today: 1 of 20 requests used');
    expect(await panel(page).locator('[data-testid="bc-candidates"] li[data-code="USLCQPEV3N"]').count()).toBe(0);
    await page.close();
  });

  it('takes pasted text: valid codes deduplicated, every rejected candidate with its reason', async () => {
    const page = await open(shopsUrl(BC));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'Hi! Codes: gbgblcrkqtex, GBGBLCRKQTEX, USLCQPEV3N (already asked), XXLCQPEV3N and USLCQPE.');
    const intake = await panel(page).locator('[data-testid="bc-intake"]').textContent();
    expect(intake).toContain('Added: GBGBLCRKQTEX, USLCQPEV3N');
    expect(intake).toContain('XXLCQPEV3N: "XX" is not a TikTok Shop market');
    // USLCQPEV3N is already pending here: it is not offered again.
    await expect
      .poll(() => panel(page).locator('[data-testid="bc-candidates"] li').allAttributes('data-code'))
      .toEqual(['GBGBLCRKQTEX']);
    await page.close();
  });

  it('forgets a pasted code on Remove: it is no longer offered', async () => {
    const page = await open(shopsUrl(BC));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'MYLCREMOVE');
    const candidate = panel(page).locator('[data-testid="bc-candidates"] li[data-code="MYLCREMOVE"]');
    await candidate.waitFor();
    await candidate.getByRole('button', { name: 'Remove pasted code MYLCREMOVE' }).click();
    await expect.poll(() => candidate.count(), { timeout: 10_000 }).toBe(0);
    expect((await storedRecords(browser, 'intakeCodes')).map((c) => c.code)).not.toContain('MYLCREMOVE');
    await page.close();
  });

  it('shows each error TikTok gives against its code, and counts nothing that was not sent', async () => {
    const page = await open(shopsUrl(BC, '&seed_hidden=PHLCDRL2UT'));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'USLCERR500 USLCNOSHOP1 PHLCDRL2UT');
    for (const code of ['USLCERR500', 'USLCNOSHOP1', 'PHLCDRL2UT']) {
      await panel(page)
        .locator(`[data-testid="bc-candidates"] li[data-code="${code}"]`)
        .getByRole('button', { name: 'Request access' })
        .click();
      await expect.poll(() => requestRow(page, code).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => panel(page).locator('[data-testid="bc-busy"]').count()).toBe(0);
    }
    expect(await requestRow(page, 'USLCERR500').textContent()).toContain('TikTok said: Something went wrong');
    expect(await requestRow(page, 'USLCNOSHOP1').textContent()).toContain('TikTok said: Invalid TikTok Shop code');
    expect(await requestRow(page, 'PHLCDRL2UT').textContent()).toContain('already been added');
    const stored = await requests(BC);
    expect(stored.find((r) => r.shopCode === 'USLCERR500')).toMatchObject({ status: 'failed', errorKind: 'other' });
    expect(stored.find((r) => r.shopCode === 'USLCNOSHOP1')).toMatchObject({ status: 'failed', errorKind: 'invalid' });
    expect(stored.find((r) => r.shopCode === 'PHLCDRL2UT')).toMatchObject({ errorKind: 'already' });
    expect(await panel(page).locator('[data-testid="bc-quota"]').textContent()).toContain('Today: 1 of 20 requests used');
    await page.close();
  });

  it('never sends a 21st request in a day: a batch that crosses the quota queues the rest', async () => {
    const org = '7000000000002';
    const page = await open(shopsUrl(org, '&reset=1&server_ms=20'));
    await panel(page).waitFor({ timeout: 10_000 });
    const codes = Array.from({ length: 22 }, (_, i) => `SGLC${String(100000 + i)}`);
    await paste(page, codes.join('\n'));
    for (const code of codes) await panel(page).locator(`[data-testid="bc-candidates"] li[data-code="${code}"] input`).check();
    await panel(page)
      .getByRole('button', { name: /Request selected/ })
      .click();
    await expect
      .poll(() => panel(page).locator('[data-testid="bc-notice"]').textContent(), { timeout: 60_000 })
      .toContain('request(s) sent');
    expect(await panel(page).locator('[data-testid="bc-notice"]').textContent()).toContain(
      '20 request(s) sent. 2 queued for the next day',
    );
    expect(await panel(page).locator('[data-testid="bc-quota"]').textContent()).toContain('Today: 20 of 20 requests used');
    expect(await panel(page).locator('[data-testid="bc-queued"] li').count()).toBe(1 + 1);
    const stored = await requests(org);
    expect(stored.filter((r) => r.status === 'pending')).toHaveLength(20);
    expect(
      stored
        .filter((r) => r.status === 'queued')
        .map((r) => r.shopCode)
        .sort(),
    ).toEqual(codes.slice(20));
    expect(await page.locator('tr[data-code]').count()).toBe(20);
    await page.screenshot({ path: `${SCREENSHOTS}/business-center-batch.png` });
    await page.close();
  });

  it('stops when TikTok says the daily limit is reached (other members used it) and queues the rest', async () => {
    const org = '7000000000003';
    const page = await open(shopsUrl(org, '&reset=1&sent_today=19'));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'THLC200001 THLC200002 THLC200003');
    for (const code of ['THLC200001', 'THLC200002', 'THLC200003']) {
      await panel(page).locator(`[data-testid="bc-candidates"] li[data-code="${code}"] input`).check();
    }
    await panel(page)
      .getByRole('button', { name: /Request selected/ })
      .click();
    await expect
      .poll(() => panel(page).locator('[data-testid="bc-notice"]').textContent(), { timeout: 30_000 })
      .toContain('daily limit is reached');
    const stored = await requests(org);
    expect(stored.filter((r) => r.status === 'pending').map((r) => r.shopCode)).toEqual(['THLC200001']);
    expect(
      stored
        .filter((r) => r.status === 'queued')
        .map((r) => r.shopCode)
        .sort(),
    ).toEqual(['THLC200002', 'THLC200003']);
    expect(await panel(page).locator('[data-testid="bc-quota"]').textContent()).toContain('daily limit is reached');
    await page.close();
  });

  it('refreshes statuses from the Shops list: an approved shop is recorded as approved', async () => {
    const page = await open(shopsUrl(BC, '&approve=USLCQPEV3N'));
    await expect.poll(() => page.locator('tr[data-code="USLCQPEV3N"]').textContent(), { timeout: 10_000 }).toContain('Active');
    await expect
      .poll(async () => (await requests(BC)).find((r) => r.shopCode === 'USLCQPEV3N')?.status, { timeout: 10_000 })
      .toBe('approved');
    await expect.poll(() => requestRow(page, 'USLCQPEV3N').getAttribute('data-status')).toBe('approved');
    await page.close();
  });

  it("marks requests waiting more than 3 days and resends them through TikTok's Resend flow", async () => {
    // Age the GBGBLCRKQTEX request by four days, as if it had been sent then.
    const page = await open(shopsUrl(BC));
    await panel(page).waitFor({ timeout: 10_000 });
    await panel(page)
      .locator('[data-testid="bc-candidates"] li[data-code="GBGBLCRKQTEX"]')
      .getByRole('button', { name: 'Request access' })
      .click();
    await expect.poll(() => requestRow(page, 'GBGBLCRKQTEX').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending');
    const ext = await browser.extensionPage('/popup.html');
    await ext.evaluate(
      (id) =>
        new Promise<void>((done, fail) => {
          const req = indexedDB.open('shop-access-companion');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const store = req.result.transaction('accessRequests', 'readwrite').objectStore('accessRequests');
            const get = store.get(id);
            get.onerror = () => fail(get.error);
            get.onsuccess = () => {
              if (!get.result) return fail(new Error(`no record ${id}`));
              const put = store.put({ ...get.result, requestedAt: Date.now() - 4 * 86_400_000 });
              put.onsuccess = () => done();
              put.onerror = () => fail(put.error);
            };
          };
        }),
      `${BC}:GBGBLCRKQTEX:request_access`,
    );
    await ext.close();
    await page.reload();
    const row = requestRow(page, 'GBGBLCRKQTEX');
    await expect.poll(() => row.getAttribute('data-waiting'), { timeout: 10_000 }).toBe('yes');
    expect(await row.textContent()).toContain('Waiting on the seller');
    await row.getByRole('button', { name: 'Resend' }).click();
    await expect
      .poll(() => panel(page).locator('[data-testid="bc-notice"]').textContent(), { timeout: 15_000 })
      .toContain('resent by e-mail');
    await expect.poll(() => page.getByText('Request resent').count()).toBe(1);
    const record = (await requests(BC)).find((r) => r.shopCode === 'GBGBLCRKQTEX');
    expect(record?.resends).toEqual([{ at: expect.any(Number), via: 'email' }]);
    expect(await row.textContent()).toContain('resent 1x');
    await page.close();
  });

  it('waits for a late-rendering Shops page before driving it', async () => {
    const page = await open(shopsUrl('7000000000004', '&reset=1&render_delay_ms=2500'));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'MYLC300001');
    await panel(page)
      .locator('[data-testid="bc-candidates"] li[data-code="MYLC300001"]')
      .getByRole('button', { name: 'Request access' })
      .click();
    await expect.poll(() => requestRow(page, 'MYLC300001').getAttribute('data-status'), { timeout: 20_000 }).toBe('pending');
    await page.close();
  });

  it('appears after in-app navigation to Shops, and leaves with it', async () => {
    const page = await open(`https://business.tiktok.com/manage/users/members?org_id=${BC}`);
    await expect.poll(() => page.getByText('Invite members to your Business Center.').count()).toBe(1);
    expect(await panel(page).count()).toBe(0);
    await page.getByRole('link', { name: 'Shops' }).click();
    await panel(page).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: 'Members' }).click();
    await expect.poll(() => panel(page).count(), { timeout: 10_000 }).toBe(0);
    await page.close();
  });

  it('stops a batch at the next step when the user navigates away, recording nothing it did not see confirmed', async () => {
    const org = '7000000000005';
    // TikTok answers each request after 1.5 s: time to leave the page while the batch runs.
    const page = await open(shopsUrl(org, '&reset=1&server_ms=1500'));
    await panel(page).waitFor({ timeout: 10_000 });
    const codes = ['SGLC300001', 'SGLC300002', 'SGLC300003', 'SGLC300004'];
    await paste(page, codes.join('\n'));
    for (const code of codes) await panel(page).locator(`[data-testid="bc-candidates"] li[data-code="${code}"] input`).check();
    await panel(page)
      .getByRole('button', { name: /Request selected/ })
      .click();
    // The first request is confirmed, then the user goes to Members while the second waits on TikTok.
    await expect
      .poll(async () => (await requests(org)).filter((r) => r.status === 'pending').length, { timeout: 15_000 })
      .toBe(1);
    // TikTok's dialog is modal: the person leaves by an in-app route change (a bookmark, the app's own redirect).
    await page.evaluate((url) => {
      history.pushState({}, '', url);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/manage/users/members?org_id=${org}`);
    await expect.poll(() => panel(page).count(), { timeout: 10_000 }).toBe(0);
    // Give a batch that did not stop ample time to go on: nothing more is sent or recorded.
    await page.waitForTimeout(5_000);
    const stored = await requests(org);
    expect(stored.filter((r) => r.status === 'pending').map((r) => r.shopCode)).toEqual(['SGLC300001']);
    const sentByPage = await page.evaluate(
      (key) => JSON.parse(localStorage.getItem(key) ?? '{}').shops?.length ?? 0,
      `bc-fixture-${org}`,
    );
    expect(sentByPage).toBeLessThanOrEqual(2);
    await page.close();
  });

  it("keeps the client list from TikTok's page scripts: they cannot read the panel or press its buttons", async () => {
    const org = '7000000000099';
    const page = await open(shopsUrl(org, '&reset=1'));
    await panel(page).waitFor({ timeout: 10_000 });
    await paste(page, 'SGLC777001 SGLC777002');
    await panel(page).locator('[data-testid="bc-candidates"] li[data-code="SGLC777001"]').waitFor();
    // What a page script can see of the panel: its host, nothing inside.
    const seen = await page.evaluate(() => {
      const host = document.querySelector('sac-overlay[data-sac-helper="bc-shops-panel"]') as HTMLElement;
      // Pressing what it can reach: the host (a click inside is retargeted to it).
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return {
        shadowRoot: host.shadowRoot,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a page script would read.
        text: [document.body.innerText, document.documentElement.textContent, host.innerHTML].join(' '),
      };
    });
    expect(seen.shadowRoot).toBeNull();
    expect(seen.text).not.toContain('SGLC777001');
    // A script that somehow held a button (here, the DevTools protocol's) gets an untrusted click: ignored.
    await panel(page).getByRole('button', { name: 'Select all' }).scriptClick();
    await panel(page)
      .getByRole('button', { name: /Request selected/ })
      .scriptClick();
    await panel(page)
      .locator('[data-testid="bc-candidates"] li[data-code="SGLC777001"]')
      .getByRole('button', { name: 'Request access' })
      .scriptClick();
    expect(await panel(page).getByRole('button', { name: 'Request selected (0)' }).count()).toBe(1);
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    expect(await requests(org)).toEqual([]);
    // A person's real click still works.
    await panel(page).getByRole('button', { name: 'Select all' }).click();
    await expect.poll(() => panel(page).getByRole('button', { name: 'Request selected (0)' }).count()).toBe(0);
    await page.close();
  });

  it('notices a shop gone from the whole Shops list (access lost), and marks nothing from a searched list', async () => {
    const org = '7000000000321';
    const shops = ['USLCKEEP01', 'USLCLOST01'];
    const row = (page: Page, code: string) => panel(page).locator(`[data-testid="bc-requests"] li[data-code="${code}"]`);
    const first = await open(shopsUrl(org, `&reset=1&seed_shops=${shops.join(',')}`));
    for (const code of shops)
      await expect.poll(() => row(first, code).getAttribute('data-status'), { timeout: 15_000 }).toBe('approved');
    await first.close();

    // A list drawn in two steps, nothing on screen saying more is coming: the late shop is not lost.
    const stepped = await open(shopsUrl(org, '&two_step=700'));
    await expect.poll(() => stepped.locator('tr[data-code]').count(), { timeout: 10_000 }).toBe(2);
    await new Promise((done) => setTimeout(done, 2500));
    expect(await row(stepped, 'USLCLOST01').getAttribute('data-lost')).toBe('no');
    expect(
      (((await requests(org)).find((r) => r.shopCode === 'USLCLOST01')?.history ?? []) as { event: string }[]).map(
        (h) => h.event,
      ),
    ).not.toContain('access_lost');
    await stepped.close();

    // The list searched for one shop: the other is not shown, and is not lost.
    const searched = await open(shopsUrl(org, '&filter=USLCKEEP01'));
    const note = panel(searched).locator('[data-testid="bc-list-note"]');
    await expect
      .poll(() => note.textContent({ timeout: 15_000 }).catch(() => ''), { timeout: 15_000 })
      .toContain('nothing is marked lost until the whole list is seen');
    expect(await note.textContent()).toContain('searched for "USLCKEEP01"');
    expect(await row(searched, 'USLCLOST01').getAttribute('data-lost')).toBe('no');
    await searched.close();

    // The seller removed the Business Center from one shop: the whole list no longer shows it.
    const after = await open(shopsUrl(org, '&remove=USLCLOST01'));
    await expect.poll(() => row(after, 'USLCLOST01').getAttribute('data-lost'), { timeout: 15_000 }).toBe('yes');
    expect(await row(after, 'USLCLOST01').textContent()).toMatch(/Access lost \(no longer in the Shops list; last seen .+\)/);
    expect(await row(after, 'USLCKEEP01').getAttribute('data-lost')).toBe('no');
    expect(await panel(after).locator('[data-testid="bc-list-note"]').textContent()).toBe(
      'No longer in the Shops list: USLCLOST01.',
    );
    const lost = (await requests(org)).find((r) => r.shopCode === 'USLCLOST01');
    expect(lost).toMatchObject({ status: 'approved', lostAt: expect.any(Number) });
    expect((lost?.history as { event: string }[] | undefined)?.at(-1)?.event).toBe('access_lost');
    await after.close();

    // The last shop removed too: Business Center shows its welcome page, a whole list of none.
    const none = await open(shopsUrl(org, '&remove=USLCKEEP01'));
    await expect.poll(() => row(none, 'USLCKEEP01').getAttribute('data-lost'), { timeout: 15_000 }).toBe('yes');
    expect(await panel(none).locator('[data-testid="bc-list-note"]').textContent()).toBe(
      'No longer in the Shops list: USLCKEEP01.',
    );
    await none.close();
    // The popup says it first: how many changes since the last look, the newest named.
    const popup = await browser.extensionPage('/popup.html');
    const line = popup.getByTestId('changes-line');
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toMatch(/\d+ changes? since your last look/);
    expect(await line.textContent()).toContain(
      'USLCKEEP01 from Business Center 7000000000321, access lost: no longer in the Shops list',
    );
    await popup.close();

    const dashboard = await browser.extensionPage('/dashboard.html?tab=What%20changed');
    const changed = dashboard.getByTestId('what-changed');
    await changed.waitFor({ timeout: 10_000 });
    const lostRows = await changed.locator('tr[data-event="access_lost"]').allTextContents();
    expect(lostRows.map((t) => /USLC(LOST|KEEP)01/.exec(t)?.[0]).sort()).toEqual(['USLCKEEP01', 'USLCLOST01']);
    expect(await changed.textContent()).toMatch(/\d+ new since your last visit/);
    await dashboard.screenshot({ path: `${SCREENSHOTS}/dashboard-what-changed.png` });
    await dashboard.close();
  });

  it("puts this Business Center's quota and waiting requests first in the popup", async () => {
    const page = await open(shopsUrl(BC));
    await panel(page).waitFor({ timeout: 10_000 });
    const popup = await browser.extensionPage('/popup.html');
    await page.bringToFront();
    await popup.reload();
    const glance = popup.getByTestId('tab-glance');
    await expect.poll(() => glance.getAttribute('data-kind'), { timeout: 10_000 }).toBe('business');
    expect(await glance.textContent()).toMatch(
      new RegExp(`This Business Center: (?:.+ \\(${BC}\\)|Business Center ${BC})Today: \\d+ of 20 requests used, \\d+ left\\.`),
    );
    expect(await glance.textContent()).toMatch(/request\(s\) waiting on sellers|No request is waiting on a seller/);
    await popup.close();
    await page.close();
  });

  it('lists every request in the dashboard and takes pasted codes there too', async () => {
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Access%20requests');
    await expect
      .poll(() => dashboard.locator('[data-testid="access-requests"] tbody tr').count(), { timeout: 10_000 })
      .toBeGreaterThan(20);
    await dashboard.getByLabel('Paste shop codes').fill('shop_code,name\nidlc777777,Batik\nVN-LC-BAD\n');
    await dashboard.getByRole('button', { name: 'Add codes' }).click();
    await expect.poll(() => dashboard.locator('[data-testid="intake-result"]').textContent()).toContain('Added: IDLC777777');
    await dashboard.screenshot({ path: `${SCREENSHOTS}/dashboard-access-requests.png`, fullPage: true });
    await dashboard.close();
  });

  it('names the Business Center, offers only the shops assigned to it, and counts a request made by hand', async () => {
    const ORG2 = '7000000000009';
    const page = await open(shopsUrl(ORG2, '&reset=1&bc_name=Northwind%20Agency&dates=1&seed_pending=USLCHAND01'));
    await panel(page).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => panel(page).locator('[data-testid="bc-name"]').textContent(), { timeout: 10_000 })
      .toBe(`Northwind Agency (${ORG2})`);
    // Made by hand an hour ago: its time read from the list's Request time column, counted in today's 20.
    const hand = requestRow(page, 'USLCHAND01');
    await expect.poll(() => hand.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    expect(await hand.textContent()).toContain('requested by hand in Business Center on');
    expect(await panel(page).locator('[data-testid="bc-quota"]').textContent()).toContain('Today: 1 of 20 requests used');
    const [made] = await requests(ORG2);
    expect(made).toMatchObject({ byHand: true, businessCenterName: 'Northwind Agency', status: 'pending' });
    expect(Date.now() - (made?.requestedAt as number)).toBeGreaterThan(3_000_000);

    // The captured shop is offered here until the dashboard assigns it elsewhere only.
    const candidate = panel(page).locator('[data-testid="bc-candidates"] li[data-code="USLCQPEV3N"]');
    await candidate.waitFor({ timeout: 10_000 });
    const dashboard = await browser.extensionPage('/dashboard.html?tab=Shops');
    const row = dashboard.locator('[data-testid="clients-and-owners"] tr[data-assigned-shop="USLCQPEV3N"]');
    await row.locator('summary').click();
    await row.getByRole('checkbox', { name: `Northwind Agency (${ORG2})` }).uncheck();
    await expect.poll(() => row.locator('[data-testid="assignment"]').textContent()).not.toContain('Northwind');
    const [assigned] = (await storedRecords(browser, 'shops')).filter((s) => s.shopCode === 'USLCQPEV3N');
    expect(assigned?.businessCenters).toContain(BC);
    expect(assigned?.businessCenters).not.toContain(ORG2);
    await dashboard.locator('[data-testid="clients-and-owners"]').screenshot({ path: `${SCREENSHOTS}/dashboard-clients.png` });
    await page.reload();
    await panel(page).locator('[data-testid="bc-elsewhere"]').waitFor({ timeout: 10_000 });
    expect(await panel(page).locator('[data-testid="bc-elsewhere"]').textContent()).toContain('1 shop(s) are assigned to other');
    expect(await candidate.count()).toBe(0);
    // Still offered in the Business Center it is assigned to.
    await open(shopsUrl(BC)).then(async (other) => {
      await panel(other).waitFor({ timeout: 10_000 });
      expect(await panel(other).locator('[data-testid="bc-elsewhere"]').count()).toBe(0);
      await other.close();
    });
    // Back to every Business Center: the clearing is kept too.
    await row.getByRole('checkbox', { name: `Northwind Agency (${ORG2})` }).check();
    await expect.poll(() => row.locator('[data-testid="assignment"]').textContent()).toBe('All Business Centers');
    await dashboard.close();
    await page.close();
  });

  it('threw nothing into any page', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
