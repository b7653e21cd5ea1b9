import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_RULES, type MessageName } from '../../extension/message-schemas';
import type { ScriptPart } from '../../extension/script-parts';
import { openSqliteStore } from '../../server/store/sqlite';
import { type RunningServer, startServer } from '../server/server-process';
import { EXTENSION_DIR, type ExtensionBrowser, launchWithExtension, shopCodeOverlay, submitJoin } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';

/**
 * What a content script's context can do, tried from inside one (its isolated world, reached through
 * the DevTools protocol as an attacker who took over a TikTok renderer would): read the device
 * token, or send the background a privileged message. Each check failed before its fix.
 */
let fixtures: FixtureServer;
let browser: ExtensionBrowser;
let server: RunningServer;
let dataDir: string;
let teamId: string;

/** Privileged messages with data their schemas take, so a refusal can only be for who sent them. */
const SAMPLES: Partial<Record<MessageName, unknown>> = {
  helperReports: { tabId: 1 },
  saveSettings: { urgentDays: 1, noticeDays: 2, alertDays: [1] },
  syncJoin: { invite: 'https://evil.example/join#inv_x', name: 'Mallory', label: 'x' },
  syncKeepMine: { index: 0 },
  teamRemoveMember: { memberId: 'someone' },
  teamInvite: { role: 'admin' },
  teamCalendar: { action: 'rotate' },
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sac-e2e-trust-'));
  const store = openSqliteStore(dataDir);
  ({ teamId } = await store.createTeam('Trust test'));
  const invite = await store.createInvite(teamId, 'admin', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
  await store.close();
  server = await startServer({ DATA_DIR: dataDir });
  fixtures = await startFixtureServer();
  browser = await launchWithExtension(fixtures);
  const settings = await submitJoin(browser, `${server.url}/join#${invite.code}`, 'Ana');
  await settings
    .getByTestId('sync-state')
    .filter({ hasText: /^Synced/ })
    .waitFor({ timeout: 20_000 });
  await settings.close();
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Evaluates `expression` in the extension's content-script world of `page` (awaiting a promise). */
async function inContentScript(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const worlds: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((w) => w.auxData?.type === 'isolated' && w.name === 'Shop Access Companion');
  if (!world) throw new Error(`no content-script world among ${worlds.map((w) => w.name).join(', ')}`);
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

/** A script part's entry point, as an expression of the content-script world. */
const part = (name: ScriptPart) => `globalThis[Symbol.for('shopAccessCompanion.part.${name}')]`;

/** Whether anything of the injected parts shows where the page's own scripts run. */
const pageSees = (page: Page) =>
  page.evaluate(
    () =>
      Object.getOwnPropertySymbols(window).some((s) => String(s).includes('shopAccessCompanion')) ||
      document.documentElement.outerHTML.includes('shopAccessCompanion'),
  );

const send = (name: string, data: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify({ id: 1, type: name, data, timestamp: 1 })})`;

async function sellerPage(): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
  await shopCodeOverlay(page)
    .locator('[data-testid="sac-status"]', { hasText: /Saved|Up to date/ })
    .waitFor({ timeout: 15_000 });
  return page;
}

describe('what a content script context can reach', () => {
  it('cannot read the device token: it is not in storage.local', async () => {
    const page = await sellerPage();
    const stored = JSON.stringify(await inContentScript(page, 'chrome.storage.local.get(null)'));
    expect(stored).toContain('syncConnection');
    expect(stored).not.toMatch(/sac_[A-Za-z0-9_-]{10,}/);
    expect(stored).not.toContain('"token"');
    await page.close();
    // The browser still syncs with it: the token is where the background reads it.
    const settings = await browser.extensionPage('/dashboard.html?tab=Settings');
    await settings.getByRole('button', { name: /Sync now/ }).click();
    await expect.poll(() => settings.getByTestId('sync-state').textContent(), { timeout: 20_000 }).toMatch(/^Synced/);
    await settings.close();
  });

  it('cannot send any privileged message; the messages its helpers use still work', async () => {
    const page = await sellerPage();
    const privileged = (Object.keys(MESSAGE_RULES) as MessageName[]).filter((name) => MESSAGE_RULES[name].from === 'extension');
    expect(privileged.length).toBeGreaterThanOrEqual(12);
    for (const name of privileged) {
      const answer = (await inContentScript(page, send(name, SAMPLES[name] ?? null))) as {
        res?: unknown;
        err?: { message: string };
      };
      expect(answer.res, name).toBeUndefined();
      expect(answer.err?.message, name).toContain("accepted only from the extension's own pages");
    }
    // Nothing reached the server: no invite was minted, the calendar never made.
    const store = openSqliteStore(dataDir);
    expect((await store.listInvites(teamId)).filter((i) => i.uses === 0)).toEqual([]);
    await store.close();

    const settings = (await inContentScript(page, send('getSettings', null))) as { res?: { urgentDays: number } };
    expect(settings.res?.urgentDays).toBeGreaterThan(0);
    const malformed = (await inContentScript(page, send('bcOverview', { orgId: 'not digits' }))) as { err?: { message: string } };
    expect(malformed.err?.message).toContain('Business Center id');
    await page.close();
  });

  it("cannot switch the helpers off by replaying WXT's start announcement, nor learn the extension id from it", async () => {
    const page = await browser.context.newPage();
    // What the page hears on window messages from the moment it loads.
    await page.addInitScript(() => {
      const heard: string[] = [];
      (window as unknown as { __heard: string[] }).__heard = heard;
      window.addEventListener('message', (event) => heard.push(JSON.stringify(event.data)));
    });
    await page.goto('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    const status = shopCodeOverlay(page).locator('[data-testid="sac-status"]');
    await status.filter({ hasText: /Saved|Up to date/ }).waitFor({ timeout: 15_000 });
    const heard = (await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).join('\n');
    expect(heard).not.toContain('content-script-started');
    expect(heard).not.toContain(browser.extensionId);

    // A page script that knows the id (a published extension's id is public) replays the event.
    await page.evaluate((id) => {
      const type = `${id}:seller:wxt:content-script-started`;
      document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'seller', messageId: 'page' } }));
      window.postMessage({ type, contentScriptName: 'seller', messageId: 'page' }, '*');
    }, browser.extensionId);
    // Dispatching runs the listeners at once: a helper switched off would have removed its overlay by now.
    await expect.poll(() => shopCodeOverlay(page).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toMatch(/Saved|Up to date/);
    await page.close();
  });

  it('lists open invites with who made them; Revoke ends the link', async () => {
    const settings = await browser.extensionPage('/dashboard.html?tab=Settings');
    const team = settings.getByTestId('team-members');
    await team.getByRole('button', { name: 'Invite someone' }).click();
    const link = ((await team.getByTestId('invite-link').locator('code').textContent({ timeout: 10_000 })) ?? '').trim();
    const invites = settings.getByTestId('open-invites');
    const row = invites.locator('tr[data-invite]');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toMatch(/member.*Ana.*0 of 1/);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => invites.getByRole('status').textContent(), { timeout: 10_000 }).toContain('no longer works');
    expect(await row.count()).toBe(0);
    const redeemed = await fetch(`${server.url}/v1/invites/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ invite: link, label: 'too late' }),
    });
    expect(redeemed.status).toBe(404);
    await settings.close();
  });

  it('says where the records go and how many of each kind before Join', async () => {
    const fresh = await launchWithExtension(fixtures);
    try {
      const page = await fresh.context.newPage();
      await page.goto('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
      await shopCodeOverlay(page).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 15_000 });
      const settings = await fresh.extensionPage('/dashboard.html?tab=Settings');
      const form = settings.getByTestId('team-sync');
      expect(await form.getByTestId('join-shares').count()).toBe(0);
      await form.getByLabel('Invite link').fill(`${server.url}/join#inv_not_checked_before_join_0001`);
      const shares = form.getByTestId('join-shares');
      await expect.poll(() => shares.textContent(), { timeout: 10_000 }).toContain(`to ${new URL(server.url).host}`);
      expect(await shares.locator('li[data-kind="shops"]').textContent()).toBe('1 shop');
      expect(await shares.textContent()).toContain('nothing leaves this browser before');
      await settings.close();
    } finally {
      await fresh.close();
    }
  });

  it('ships content scripts Chromium accepts: ASCII only, without the schema library, the views and lists apart, each within 64 kB', () => {
    for (const name of ['content-scripts/seller.js', 'content-scripts/business.js', 'overlay-ui.js', 'seller-lists.js']) {
      const code = readFileSync(resolve(EXTENSION_DIR, name), 'utf8');
      const outside = [...code].filter((ch) => (ch.codePointAt(0) ?? 0) > 127);
      expect(outside, name).toEqual([]);
      // zod's messages ("Invalid input") would mean a schema module leaked into a content script.
      expect(code, name).not.toContain('Invalid input');
      // Preact's renderer (its one innerHTML path) is in the views injected on demand, not in what every page parses.
      expect(code.includes('dangerouslySetInnerHTML'), name).toBe(name === 'overlay-ui.js');
    }
    // What every page of the matched hosts parses (issue 15: 64 kB minified, polyfill included).
    for (const name of ['content-scripts/seller.js', 'content-scripts/business.js'])
      expect(readFileSync(resolve(EXTENSION_DIR, name)).length, name).toBeLessThanOrEqual(64_000);
    // The list helpers (here, the words of their empty-list question) are only in the part injected on list pages.
    expect(readFileSync(resolve(EXTENSION_DIR, 'content-scripts/seller.js'), 'utf8')).not.toContain('Mark them no longer listed');
    expect(readFileSync(resolve(EXTENSION_DIR, 'seller-lists.js'), 'utf8')).toContain('Mark them no longer listed');
  });

  it("loads the overlays' views into the content-script world only, never where the page's scripts run", async () => {
    const page = await browser.context.newPage();
    await page.goto('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await shopCodeOverlay(page)
      .locator('[data-testid="sac-status"]', { hasText: /Saved|Up to date/ })
      .waitFor({ timeout: 15_000 });
    expect(await inContentScript(page, `typeof ${part('overlay-ui')}.render`)).toBe('function');
    expect(await pageSees(page)).toBe(false);
    await page.close();
  });

  it('loads the list helpers on a list page, into the content-script world only, and not where nothing may be a list', async () => {
    const page = await browser.context.newPage();
    // The app's home says "Welcome back": no list hint, no date, code, id or status anywhere.
    await page.goto('https://seller-us.tiktok.com/homepage');
    await page.getByText('Welcome back').waitFor();
    await expect
      .poll(() => inContentScript(page, '(globalThis.__sacCheckTimings?.() ?? []).length'), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // Time for a request to inject them, had the checks made one (on a list page it takes a few ms).
    await page.waitForTimeout(500);
    expect(await inContentScript(page, `typeof ${part('seller-lists')}`)).toBe('undefined');
    await page.goto('https://seller-us.tiktok.com/tsp/manage?tab=services');
    await expect.poll(() => page.locator('sac-badge').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await inContentScript(page, `${part('seller-lists')}.helpers.map((h) => h.id)`)).toEqual([
      'my-services-badges',
      'tsp-request-tracking',
      'partner-management',
    ]);
    expect(await pageSees(page)).toBe(false);
    await page.close();
  });

  it("asks for nothing the README's permission table does not explain", () => {
    const readme = readFileSync(resolve(EXTENSION_DIR, '../../README.md'), 'utf8');
    const section = readme.split('## Permissions, and why')[1]?.split('\n## ')[0] ?? '';
    const allRows = section.split('\n').filter((line) => line.startsWith('| `'));
    const codes = (row: string) => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    const isDataRow = (row: string) => (row.split('|')[2] ?? '').includes('Firefox data collection');
    const rows = allRows.filter((row) => !isDataRow(row));
    const dataTypes = allRows.filter(isDataRow).flatMap(codes);
    const explained = rows.flatMap(codes);
    const permissions = explained.filter((e) => !e.includes('://'));
    // Host patterns as written in the table: XX is a market, * any run of host characters.
    const hosts = explained
      .filter((e) => e.includes('://'))
      .map((e) => {
        const pattern = e
          .replace(/\*(?=[./])/g, 'WILDCARD') // a wildcard inside the host
          .replace(/XX/g, 'MARKET') // a market code
          .replace(/[.*/]/g, (ch) => `\\${ch}`)
          .replaceAll('WILDCARD', '[a-z0-9.-]*')
          .replaceAll('MARKET', '[a-z]{2}');
        return new RegExp(`^${pattern}$`);
      });
    expect(permissions).toEqual(['storage', 'alarms', 'notifications', 'scripting']);
    for (const build of ['chrome-mv3', 'firefox-mv2']) {
      const path = resolve(EXTENSION_DIR, `../${build}/manifest.json`);
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
        permissions?: string[];
        host_permissions?: string[];
        content_scripts: { matches: string[] }[];
        browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } } };
      };
      // Firefox: what may leave the browser is declared, and each type is explained in the table too.
      const declared = manifest.browser_specific_settings?.gecko?.data_collection_permissions;
      if (build === 'firefox-mv2') {
        expect(declared?.required).toEqual(['none']);
        expect([...(declared?.optional ?? [])].sort()).toEqual([...dataTypes].sort());
      } else expect(declared, build).toBeUndefined();
      for (const permission of manifest.permissions ?? []) {
        if (permission.includes('://'))
          expect(
            hosts.some((h) => h.test(permission)),
            `${build}: ${permission}`,
          ).toBe(true);
        else expect(permissions, `${build}: ${permission}`).toContain(permission);
      }
      // Host access only where the content scripts already run (to inject the overlays' views there).
      const matches = manifest.content_scripts.flatMap((c) => c.matches);
      const hostAccess = [...(manifest.host_permissions ?? []), ...(manifest.permissions ?? []).filter((p) => p.includes('://'))];
      expect([...hostAccess].sort(), build).toEqual([...new Set(matches)].sort());
      for (const match of matches) {
        expect(
          hosts.some((h) => h.test(match)),
          `${build}: ${match}`,
        ).toBe(true);
      }
    }
  });

  it('runs content scripts on https:// pages only', () => {
    const manifest = JSON.parse(readFileSync(resolve(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      content_scripts: { matches: string[] }[];
    };
    const matches = manifest.content_scripts.flatMap((c) => c.matches);
    expect(matches.length).toBeGreaterThan(10);
    for (const match of matches) expect(match).toMatch(/^https:\/\/[a-z0-9.-]+\/\*$/);
  });
});

describe('webextension-polyfill on the tested Chromium', () => {
  it("finds the browser's own `browser` namespace, so it hands that back instead of wrapping chrome (README)", async () => {
    // The polyfill's own test (browser-polyfill.js): wrap `chrome` only where `browser.runtime.id` is missing.
    const own = () => (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id ?? null;
    expect(await browser.worker.evaluate(own)).toBe(browser.extensionId);
    const page = await browser.extensionPage('/dashboard.html');
    expect(await page.evaluate(own)).toBe(browser.extensionId);
    await page.close();
  });
});
