import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { type RunningServer, startServer } from '../server/server-process';
import { SCREENSHOTS } from './browser';
import { type FirefoxWithExtension, launchFirefox, overlayText } from './firefox-browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';

/**
 * The Firefox build (MV2, a background page instead of a service worker) in Debian's firefox-esr,
 * driven over WebDriver BiDi: the same fixture pages, the same sync server, what a person does first.
 */
let fixtures: FixtureServer;
let firefox: FirefoxWithExtension;
let server: RunningServer;
let dataDir: string;
let invite: string;
let viewerToken: string;
const pageErrors: string[] = [];
const INFO = 'https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old';
const SERVICES = 'https://seller-us.tiktok.com/tsp/manage?tab=services';

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sac-e2e-firefox-'));
  const port = await freePort();
  const store = openSqliteStore(dataDir);
  const { teamId } = await store.createTeam('Northwind Agency');
  invite = `http://127.0.0.1:${port}/join#${(await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 })).code}`;
  viewerToken = (await store.createDeviceToken(teamId, 'viewer', 'test reader')).token;
  await store.close();
  server = await startServer({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  fixtures = await startFixtureServer();
  firefox = await launchFirefox(fixtures);
});

afterAll(async () => {
  await firefox?.close();
  await fixtures?.close();
  await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${url}: ${(error as Error).message}`));
  await page.goto(url);
  return page;
}

async function serverShops(): Promise<string[]> {
  const res = await fetch(`${server.url}/v1/pull?since=0`, { headers: { authorization: `Bearer ${viewerToken}` } });
  const body = (await res.json()) as { changes: { collection: string; id: string; deleted: boolean }[] };
  return body.changes.filter((c) => c.collection === 'shops' && !c.deleted).map((c) => c.id);
}

type DataPermissions = { data_collection?: string[] };
type PermissionsApi = { browser: { permissions: { remove(p: DataPermissions): Promise<boolean> } } };

const badges = (page: Page) =>
  page.$$eval('sac-badge[data-sac-helper="my-services-badges"]', (hosts) => hosts.map((h) => h.textContent ?? ''));

describe('the Firefox build in firefox-esr', () => {
  it('reads the shop code on Seller information, saves it, and lists it in the dashboard', async () => {
    const page = await open(INFO);
    await expect.poll(() => overlayText(page, 'shop-code'), { timeout: 15_000 }).toMatch(/USLCQPEV3N[\s\S]*Saved/);
    await page.screenshot({ path: `${SCREENSHOTS}/firefox-overlay.png` });
    await page.close();
    const dashboard = await firefox.extensionPage('/dashboard.html?tab=Shops');
    await expect
      .poll(
        () =>
          dashboard.evaluate(
            () => document.querySelector('[data-testid="shop-list"] tr[data-shop-code="USLCQPEV3N"]')?.textContent ?? '',
          ),
        {
          timeout: 10_000,
        },
      )
      .toContain('Maple & Moss Home');
    await dashboard.screenshot({ path: `${SCREENSHOTS}/firefox-dashboard.png` });
    await dashboard.close();
  });

  it('copies the code to the clipboard from the overlay', async () => {
    const page = await open(INFO);
    await expect.poll(() => overlayText(page, 'shop-code'), { timeout: 15_000 }).toContain('USLCQPEV3N');
    // A real click (input over BiDi, as a person's): Firefox writes the clipboard only within a user action.
    const button = await page.evaluateHandle(() =>
      [
        ...(document.querySelector('sac-overlay[data-sac-helper="shop-code"]')?.shadowRoot?.querySelectorAll('button') ?? []),
      ].find((b) => b.textContent?.trim() === 'Copy code'),
    );
    await (button as unknown as ElementHandle<HTMLButtonElement>).click();
    await expect.poll(() => overlayText(page, 'shop-code'), { timeout: 10_000 }).toContain('Code copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('USLCQPEV3N');
    await page.close();
  });

  it('badges My Services rows with the days each authorization has left', async () => {
    const page = await open(SERVICES);
    await expect.poll(() => badges(page), { timeout: 15_000 }).toHaveLength(9);
    expect((await badges(page)).slice(0, 3)).toEqual(['12 days left', 'Expires today', 'Completed']);
    await expect
      .poll(() => overlayText(page, 'my-services-badges-panel'), { timeout: 10_000 })
      .toContain('Saved for shop USLCQPEV3N');
    await page.close();
  });

  it('joins a team after Firefox asks to send the records, and sends the shop to the server', async () => {
    const settings = await firefox.extensionPage('/dashboard.html?tab=Settings');
    const before = await settings.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ data_collection?: string[] }> } } })
        .browser;
      return (await api.permissions.getAll()).data_collection ?? [];
    });
    expect(before).not.toContain('websiteContent');
    await settings.waitForSelector('#join-invite');
    await settings.type('#join-invite', invite);
    await settings.type('#join-name', 'Flo');
    await settings.click('[data-testid="team-sync"] button[type="submit"]');
    const state = () => settings.evaluate(() => document.querySelector('[data-testid="sync-state"]')?.textContent ?? '');
    await expect.poll(state, { timeout: 20_000 }).toMatch(/^Synced/);
    await expect.poll(serverShops, { timeout: 20_000 }).toEqual(['USLCQPEV3N']);
    // Join asked Firefox for the data types the manifest declares optional; before it, none was held.
    const granted = await settings.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { permissions: { getAll(): Promise<{ data_collection?: string[] }> } } })
        .browser;
      return (await api.permissions.getAll()).data_collection ?? [];
    });
    expect(granted).toEqual(expect.arrayContaining(['websiteContent', 'personallyIdentifyingInfo']));
    await settings.close();
  });

  it('sends nothing once the consent given at Join is withdrawn, and says so', async () => {
    const settings = await firefox.extensionPage('/dashboard.html?tab=Settings');
    await settings.evaluate(async () => {
      await (globalThis as unknown as PermissionsApi).browser.permissions.remove({
        data_collection: ['websiteContent', 'personallyIdentifyingInfo'],
      });
    });
    // A new shop captured afterwards stays in this browser.
    const uk = await open('https://seller-uk.tiktok.com/profile/seller-profile');
    await expect.poll(() => overlayText(uk, 'shop-code'), { timeout: 15_000 }).toMatch(/Saved|Up to date|kept/i);
    await uk.close();
    const press = await settings.evaluateHandle(() =>
      [...document.querySelectorAll('[data-testid="team-sync"] button')].find((b) => b.textContent?.trim() === 'Sync now'),
    );
    await (press as unknown as ElementHandle<HTMLButtonElement>).click();
    const text = () => settings.evaluate(() => document.querySelector('[data-testid="team-sync"]')?.textContent ?? '');
    await expect.poll(text, { timeout: 15_000 }).toContain('Paused: nothing is sent to the team until Firefox allows it again.');
    expect(await text()).toContain("the add-on's data collection permission was withdrawn");
    expect(await serverShops()).toEqual(['USLCQPEV3N']);
    await settings.close();
  });

  it('threw nothing into any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
