import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import type { FixtureServer } from './fixture-server';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with the built extension loaded and TikTok's hosts sent to the fixtures. */
export async function launchWithExtension(fixtures: FixtureServer): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'sac-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--host-resolver-rules=${fixtures.resolverRules}`,
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
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
