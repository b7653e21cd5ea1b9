import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { type RunningServer, startServer } from '../server/server-process';
import { axeViolations } from './axe';
import { type ExtensionBrowser, launchWithExtension, SCREENSHOTS, shopCodeOverlay, storedRecords, submitJoin } from './browser';
import { ClosedRoot } from './closed-root';
import { type FixtureServer, startFixtureServer } from './fixture-server';

/**
 * Two members' browsers (two Chromium profiles with the built extension) and the real sync server
 * as its own process on a SQLite file: what one browser sees on Seller Center reaches the other's
 * IndexedDB through the server, and a change made while the server is down lands once it is back.
 */
let fixtures: FixtureServer;
let ana: ExtensionBrowser;
let ben: ExtensionBrowser;
let server: RunningServer;
let dataDir: string;
let port: number;
let invites: string[];
let viewerToken: string;
let scriptToken: string;
let teamId: string;
const pageErrors: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const serve = () => startServer({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sac-e2e-sync-'));
  port = await freePort();
  const store = openSqliteStore(dataDir);
  ({ teamId } = await store.createTeam('Northwind Agency'));
  const inviteFor = async (role: 'admin' | 'member') =>
    `http://127.0.0.1:${port}/join#${(await store.createInvite(teamId, role, { maxUses: 1, expiresAt: Date.now() + 3_600_000 })).code}`;
  invites = [await inviteFor('admin'), await inviteFor('member')];
  viewerToken = (await store.createDeviceToken(teamId, 'viewer', 'test reader')).token;
  scriptToken = (await store.createDeviceToken(teamId, 'member', 'import script')).token;
  await store.close();
  server = await serve();
  fixtures = await startFixtureServer();
  ana = await launchWithExtension(fixtures);
  ben = await launchWithExtension(fixtures);
});

afterAll(async () => {
  await ana?.close();
  await ben?.close();
  await fixtures?.close();
  await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

async function joinTeam(browser: ExtensionBrowser, invite: string, name: string): Promise<Page> {
  const page = await submitJoin(browser, invite, name);
  await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 20_000 }).toMatch(/^Synced/);
  // The team by the name its owner gave it, as the server said when the invite was redeemed.
  expect(await page.getByTestId('team-sync').textContent()).toMatch(
    new RegExp(`${name} \\((admin|member)\\) in "Northwind Agency" on`),
  );
  return page;
}

async function captureOn(browser: ExtensionBrowser, url: string): Promise<void> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
  await page.goto(url);
  await shopCodeOverlay(page).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 15_000 });
  await page.close();
}

const shopCodes = async (browser: ExtensionBrowser) => (await storedRecords(browser, 'shops')).map((s) => s.shopCode).sort();

async function serverShops(): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/v1/pull?since=0`, { headers: { authorization: `Bearer ${viewerToken}` } });
  const page = (await res.json()) as { changes: { collection: string; id: string; deleted: boolean }[] };
  return page.changes
    .filter((c) => c.collection === 'shops' && !c.deleted)
    .map((c) => c.id)
    .sort();
}

describe('team sync between two members’ browsers', () => {
  it('brings a shop one member captures to the other member’s browser through the server', async () => {
    const anaSettings = await joinTeam(ana, invites[0] as string, 'Ana');
    await joinTeam(ben, invites[1] as string, 'Ben');
    await captureOn(ana, 'https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await expect.poll(serverShops, { timeout: 20_000 }).toEqual(['USLCQPEV3N']);
    // Ben never visited that page: the shop reaches his browser by the server's poke.
    await expect.poll(() => shopCodes(ben), { timeout: 20_000 }).toEqual(['USLCQPEV3N']);
    const benShop = (await storedRecords(ben, 'shops'))[0];
    expect(benShop).toMatchObject({ name: 'Maple & Moss Home', sellerCenterHost: 'seller-us.tiktok.com' });

    await anaSettings.reload();
    await expect.poll(() => anaSettings.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toMatch(/^Synced/);
    await anaSettings.getByTestId('team-sync').screenshot({ path: `${SCREENSHOTS}/dashboard-team-sync.png` });
    const popup = await ben.extensionPage('/popup.html');
    await expect
      .poll(() => popup.getByTestId('sync-line').textContent(), { timeout: 10_000 })
      .toMatch(/Team: Synced .*0 waiting\. Ben on 127\.0\.0\.1/);
    await popup.screenshot({ path: `${SCREENSHOTS}/popup-team-sync.png`, clip: { x: 0, y: 0, width: 470, height: 250 } });
    await popup.close();
    await anaSettings.close();
  });

  it("shares the Business Center's daily quota: a request Ana sends counts in Ben's panel, with her name", async () => {
    const org = '7000000000777';
    const shops = (extra = '') => `https://business.tiktok.com/manage/assets/shops?org_id=${org}${extra}`;
    const panel = (page: Page) =>
      new ClosedRoot(page, 'sac-overlay[data-sac-helper="bc-shops-panel"]').locator('[data-testid="bc-panel"]');
    const anaPage = await ana.context.newPage();
    await anaPage.goto(shops('&reset=1'));
    const candidate = panel(anaPage).locator('[data-testid="bc-candidates"] li[data-code="USLCQPEV3N"]');
    await candidate.getByRole('button', { name: 'Request access' }).click({ timeout: 15_000 });
    await expect
      .poll(() => panel(anaPage).locator('[data-testid="bc-requests"] li[data-code="USLCQPEV3N"]').getAttribute('data-status'), {
        timeout: 15_000,
      })
      .toBe('pending');
    await anaPage.close();

    await expect
      .poll(async () => (await storedRecords(ben, 'accessRequests')).find((r) => r.businessCenterId === org), { timeout: 20_000 })
      .toMatchObject({ shopCode: 'USLCQPEV3N', status: 'pending', requestedBy: 'Ana' });
    const benPage = await ben.context.newPage();
    await benPage.goto(shops());
    await expect
      .poll(() => panel(benPage).locator('[data-testid="bc-quota"]').textContent(), { timeout: 15_000 })
      .toContain('Today: 1 of 20 requests used');
    // Ben is not offered the shop Ana already asked for.
    expect(await panel(benPage).locator('[data-testid="bc-candidates"] li[data-code="USLCQPEV3N"]').count()).toBe(0);
    await benPage.close();
    const dashboard = await ben.extensionPage('/dashboard.html?tab=Access%20requests');
    await expect
      .poll(() => dashboard.locator('tr', { hasText: 'USLCQPEV3N' }).textContent(), { timeout: 10_000 })
      .toContain('by Ana');
    await dashboard.close();
  });

  it('keeps a change made while the server is down, says so, and delivers it when the server is back', async () => {
    await server.stop('SIGTERM');
    await captureOn(ana, 'https://seller-uk.tiktok.com/profile/seller-profile');
    const settings = await ana.extensionPage('/dashboard.html?tab=Settings');
    const state = settings.getByTestId('sync-state');
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toMatch(/Server unreachable/);
    await expect.poll(() => settings.getByTestId('sync-pending').textContent(), { timeout: 10_000 }).toMatch(/^[1-9]\d* change/);
    expect(await shopCodes(ben)).toEqual(['USLCQPEV3N']);

    server = await serve();
    // The background's socket reconnects (with backoff) and pushes what waited.
    await expect.poll(serverShops, { timeout: 45_000 }).toEqual(['GBGBLCRKQTEX', 'USLCQPEV3N']);
    await expect.poll(() => shopCodes(ben), { timeout: 45_000 }).toEqual(['GBGBLCRKQTEX', 'USLCQPEV3N']);
    await expect.poll(() => state.textContent(), { timeout: 20_000 }).toMatch(/^Synced/);
    await settings.close();
    expect(pageErrors).toEqual([]);
  });

  it("tells the page what became of a rename when a teammate's earlier edit keeps the team's name", async () => {
    await server.stop('SIGTERM');
    const page = await ana.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`renamed: ${error.message}`));
    await page.goto(
      'https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old&shop_name=Maple%20%26%20Moss%20Homewares',
    );
    const status = shopCodeOverlay(page).locator('[data-testid="sac-status"]');
    // Not "Up to date": the rename is only in this browser while the server is down.
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("your team's server is not answering");

    // Meanwhile Ben renamed the shop, and the server took his edit first.
    const store = openSqliteStore(dataDir);
    const benDevice = (await store.listDevices(teamId)).find(
      (d) => !['test reader', 'import script'].includes(d.label) && d.role === 'member',
    );
    const current = (await store.records(teamId, 'shops')).find((r) => r.id === 'USLCQPEV3N');
    await store.push(
      { teamId, deviceId: benDevice?.deviceId as string, memberId: benDevice?.memberId as string, role: 'member' },
      {
        clientId: 'browser-ben-e2e',
        mutations: [
          {
            mutationId: crypto.randomUUID(),
            collection: 'shops',
            id: 'USLCQPEV3N',
            op: 'upsert',
            fields: { name: 'Maple & Moss (Ben)' },
            baseVersion: current?.version ?? 0,
          },
        ],
      },
    );
    await store.close();
    server = await serve();

    await expect
      .poll(() => status.textContent(), { timeout: 45_000 })
      .toBe(
        `Your team keeps the name "Maple & Moss (Ben)" (Ben's earlier edit). To keep this page's name, use Keep mine in the dashboard's Settings.`,
      );
    // The page, the browser's records and the dashboard say the same thing.
    expect((await storedRecords(ana, 'shops')).find((s) => s.shopCode === 'USLCQPEV3N')).toMatchObject({
      name: 'Maple & Moss (Ben)',
    });
    const settings = await ana.extensionPage('/dashboard.html?tab=Settings');
    await expect
      .poll(() => settings.getByTestId('team-sync').textContent(), { timeout: 10_000 })
      .toContain('Maple & Moss Homewares');
    await page.close();
    await settings.close();
  });

  it("lets an admin invite and remove members; the removed member's browser says so at once", async () => {
    const anaPage = await ana.extensionPage('/dashboard.html?tab=Settings');
    const team = anaPage.getByTestId('team-members');
    // Ana, Ben, the viewer token this test reads the server with, and the import script's token.
    await expect.poll(() => team.locator('tr[data-member]').count(), { timeout: 10_000 }).toBe(4);
    expect(await team.locator('tr[data-member="Ana"]').textContent()).toContain('(you)');
    await team.getByRole('button', { name: 'Invite someone' }).click();
    await expect.poll(() => team.getByTestId('invite-link').textContent()).toMatch(/join#inv_/);
    await anaPage.getByTestId('team-sync').screenshot({ path: `${SCREENSHOTS}/dashboard-team-members.png` });

    // The team's calendar of expiries, for people who follow without the extension.
    await team.getByRole('button', { name: 'Calendar feed of expiries' }).click();
    const calendarUrl = ((await team.getByTestId('calendar-link').locator('code').textContent({ timeout: 10_000 })) ?? '').trim();
    expect(calendarUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/calendar/cal_[A-Za-z0-9_-]+\\.ics$`));
    const feed = await fetch(calendarUrl);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await team.getByRole('button', { name: 'Stop calendar link' }).click();
    await expect.poll(async () => (await fetch(calendarUrl)).status, { timeout: 10_000 }).toBe(404);

    // A script of the team's imported 205 partner requests: more than one page of activity (200).
    for (let from = 0; from < 205; from += 100) {
      const mutations = Array.from({ length: Math.min(100, 205 - from) }, (_, i) => {
        const id = `script-request-${from + i}`;
        const fields = {
          id,
          partner: `Partner ${from + i}`,
          status: null,
          rawStatus: 'Pending',
          history: [],
          lastSeenAt: Date.now(),
        };
        return { mutationId: `import-${id}`, collection: 'tspRequests', id, baseVersion: 0, op: 'upsert', fields };
      });
      const res = await fetch(`http://127.0.0.1:${port}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${scriptToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: 'import-script', mutations }),
      });
      expect(res.status).toBe(200);
    }
    const audit = await fetch(`http://127.0.0.1:${port}/v1/audit?limit=1000`, {
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    const total = ((await audit.json()) as { entries: unknown[] }).entries.length;
    await anaPage.reload();

    // The team's activity: who changed what, from which browser, newest first, a page at a time, filterable.
    const activity = anaPage.getByTestId('team-activity');
    const count = activity.getByTestId('team-changes-count');
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe('200 changes');
    await activity.getByRole('button', { name: 'Show older changes' }).click();
    await expect.poll(() => count.textContent(), { timeout: 10_000 }).toBe(`${total} changes`);
    // Every change once: the second page joined the first without a gap or a repeat.
    const all = await activity.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-version'))));
    expect(new Set(all).size).toBe(total);
    expect(await activity.getByRole('button', { name: 'Show older changes' }).count()).toBe(0);
    const cells = (row: number) => activity.locator('tbody tr').nth(row).locator('td').allTextContents();
    const versions = await activity
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-version'))));
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    await activity.getByLabel('Who').selectOption('Ben');
    await expect.poll(() => activity.getByTestId('team-changes-count').textContent()).toMatch(/^Showing \d+ of \d+ changes$/);
    const bens = await activity.locator('tbody tr').count();
    for (let i = 0; i < bens; i++) expect((await cells(i))[1]).toBe('Ben');
    // Ben's rename of the shop, named from this browser's copy of the record, by the browser he used.
    const rename = await activity.locator('tbody tr', { hasText: 'Shop' }).first().locator('td').allTextContents();
    expect(rename.slice(1, 6)).toEqual(['Ben', expect.stringMatching(/\S/), 'Saved', 'Shop', 'Maple & Moss (Ben) (USLCQPEV3N)']);
    await activity.getByLabel('Who').selectOption('Ana');
    await expect.poll(() => cells(0).then((c) => c[1])).toBe('Ana');
    await activity.screenshot({ path: `${SCREENSHOTS}/dashboard-team-activity.png` });
    // Settings with a team (members, invites, activity) has no serious accessibility violation either.
    expect(await axeViolations(anaPage)).toEqual([]);

    const benPage = await ben.extensionPage('/dashboard.html?tab=Settings');
    await expect.poll(() => benPage.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toMatch(/^Synced/);
    // Ben is a member: he can add his own other browser, not remove anyone.
    expect(await benPage.getByTestId('team-members').getByRole('button', { name: 'Remove' }).count()).toBe(0);

    await team.locator('tr[data-member="Ben"]').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => team.getByRole('status').textContent(), { timeout: 10_000 }).toContain('Ben removed');
    await expect.poll(() => team.locator('tr[data-member]').count()).toBe(3);
    // His socket is closed by the server, and his browser stops syncing and says why.
    await expect.poll(() => benPage.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toBe('Removed from the team');
    await anaPage.close();
    await benPage.close();
  });

  it('refuses a pasted text that is not an invite link, with the reason, and stays out of any team', async () => {
    const fresh = await launchWithExtension(fixtures);
    try {
      const page = await fresh.extensionPage('/dashboard.html?tab=Settings');
      const form = page.getByTestId('team-sync');
      await form.getByLabel('Invite link').waitFor();
      await form.screenshot({ path: `${SCREENSHOTS}/dashboard-join-team.png` });
      await form.getByLabel('Invite link').fill('https://seller-us.tiktok.com/profile/seller-profile');
      await form.getByLabel('Your name').fill('Cy');
      await form.getByRole('button', { name: 'Join team' }).click();
      // Said beside the field it concerns, linked to it for screen readers; the alert points there.
      const invite = form.getByLabel('Invite link');
      await expect.poll(() => invite.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
      const problem = page.locator(`#${await invite.getAttribute('aria-describedby')}`);
      expect(await problem.textContent()).toMatch(/not an invite link: it looks like https:\/\/your-server\/join#inv_/);
      expect(await form.getByRole('alert').textContent()).toBe('Not joined: see the fields marked above.');
      expect(await form.getByRole('button', { name: 'Join team' }).count()).toBe(1);

      // An empty name: the schema's own words beside the name, never raw validation output.
      await invite.fill(`http://127.0.0.1:${port}/join#inv_not_checked_before_join_0001`);
      await form.getByLabel('Your name').fill('');
      await form.getByRole('button', { name: 'Join team' }).click();
      const name = form.getByLabel('Your name');
      await expect.poll(() => name.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
      expect(await page.locator(`#${await name.getAttribute('aria-describedby')}`).textContent()).toBe(
        'Say who you are, as your team will see it.',
      );
      expect(await invite.getAttribute('aria-invalid')).toBeNull();
      expect(await form.textContent()).not.toMatch(/"code"|too_small|origin/);
    } finally {
      await fresh.close();
    }
  });
});
