import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { type FixtureServer, startFixtureServer } from './fixture-server';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with TikTok's hosts sent to the fixtures; the extension only if asked. */
export async function launchChromium(
  fixtures: FixtureServer,
  withExtension: boolean,
): Promise<{ context: BrowserContext; profile: string }> {
  const profile = mkdtempSync(join(tmpdir(), 'sac-profile-'));
  const extensionArgs = withExtension
    ? [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`]
    : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      ...extensionArgs,
      `--host-resolver-rules=${fixtures.resolverRules}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return { context, profile };
}

/** Debian's Chromium, headless, with the built extension loaded and TikTok's hosts sent to the fixtures. */
export async function launchWithExtension(fixtures: FixtureServer): Promise<ExtensionBrowser> {
  const { context, profile } = await launchChromium(fixtures, true);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The shop-code overlay's shadow root content, reached the way a test can: through the open root. */
export function shopCodeOverlay(page: Page) {
  return page.locator('sac-overlay[data-sac-helper="shop-code"]');
}

export function unavailableNotice(page: Page) {
  return page.locator('sac-overlay[data-sac-helper="shop-code-missing"]');
}

/** Opens a page, collecting anything thrown into it: helpers must never throw into TikTok's pages. */
export async function openPage(browser: ExtensionBrowser, url: string, pageErrors: string[]): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
  await page.goto(url);
  return page;
}

/** Every record of one table of the extension's own IndexedDB, read from an extension page. */
export async function storedRecords(browser: ExtensionBrowser, table: string): Promise<Array<Record<string, unknown>>> {
  const page = await browser.extensionPage('/popup.html');
  const records = await page.evaluate(
    (name) =>
      new Promise<Array<Record<string, unknown>>>((done, fail) => {
        const req = indexedDB.open('shop-access-companion');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => done(all.result);
          all.onerror = () => fail(all.error);
        };
      }),
    table,
  );
  await page.close();
  return records;
}

/** The labels of the row badges one helper put on the page, in row order. */
export function rowBadgeLabels(page: Page, helper: string): Promise<string[]> {
  return page.$$eval(`sac-badge[data-sac-helper="${helper}"]`, (hosts) => hosts.map((h) => h.textContent ?? ''));
}

/** The text of a helper's corner panel (in its open shadow root). */
export function panelText(page: Page, helper: string): Promise<string | null> {
  // Playwright's CSS reaches into open shadow roots; the host's own textContent would not.
  return page
    .locator(`sac-overlay[data-sac-helper="${helper}-panel"] .sac`)
    .textContent({ timeout: 500 })
    .catch(() => null);
}

export const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

export interface E2eSession {
  fixtures: FixtureServer;
  browser: ExtensionBrowser;
  /** Everything thrown into any page opened with `open`; tests assert it stays empty. */
  pageErrors: string[];
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Fixture server plus Chromium with the extension, for one test file. */
export async function startSession(): Promise<E2eSession> {
  const fixtures = await startFixtureServer();
  const browser = await launchWithExtension(fixtures);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pageErrors: string[] = [];
  return {
    fixtures,
    browser,
    pageErrors,
    open: (url) => openPage(browser, url, pageErrors),
    async close() {
      await browser.close();
      await fixtures.close();
    },
  };
}

/** Visits Seller information on seller-us so the extension knows the shop that host shows. */
export async function captureSellerUsShop(session: E2eSession): Promise<void> {
  const info = await session.open('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
  await shopCodeOverlay(info).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 10_000 });
  await info.close();
}

/** The seller-us shop, then its My Services page read: the dashboard holds a shop and nine authorizations. */
export async function captureSellerUsServices(session: E2eSession): Promise<void> {
  await captureSellerUsShop(session);
  const services = await session.open('https://seller-us.tiktok.com/tsp/manage?tab=services');
  await services
    .locator('sac-overlay[data-sac-helper="my-services-badges-panel"]')
    .getByText('Saved for shop USLCQPEV3N', { exact: false })
    .waitFor({ timeout: 10_000 });
  await services.close();
}

/** Fills Settings > Team sync with an invite link and a name, and clicks Join; the page stays open. */
export async function submitJoin(browser: ExtensionBrowser, invite: string, name: string): Promise<Page> {
  const page = await browser.extensionPage('/dashboard.html?tab=Settings');
  const form = page.getByTestId('team-sync');
  await form.getByLabel('Invite link').fill(invite);
  await form.getByLabel('Your name').fill(name);
  await form.getByRole('button', { name: 'Join team' }).click();
  return page;
}
