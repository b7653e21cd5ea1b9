import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { FixtureServer } from './fixture-server';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Firefox has no --host-resolver-rules: it reaches TikTok's hosts through this proxy, which
 * answers every CONNECT with a tunnel to the fixture server (the TLS inside is the fixtures').
 */
async function tunnelTo(fixtures: FixtureServer): Promise<Server> {
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (_req, socket, head) => {
    const upstream = connect(fixtures.port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  return proxy;
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The moz-extension:// origin, fixed through a pref so tests can open the extension's pages. */
  origin: string;
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's firefox-esr, headless, over WebDriver BiDi, with the built Firefox extension installed as a temporary add-on. */
export async function launchFirefox(fixtures: FixtureServer): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  const manifest = JSON.parse(readFileSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const id: string = manifest.browser_specific_settings.gecko.id;
  const uuid = randomUUID();
  const proxy = await tunnelTo(fixtures);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    // Firefox 153 lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': (proxy.address() as AddressInfo).port,
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      // Grants an optional permission (here: data collection at Join) as a person pressing Allow would.
      'extensions.webextOptionalPermissionPrompts': false,
      // Lets a test read the clipboard a button wrote, without Firefox's paste prompt.
      'dom.events.testing.asyncClipboard': true,
    },
  });
  const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
  if (installed !== id) throw new Error(`installed ${installed}, expected the manifest's id ${id}`);
  const origin = `moz-extension://${uuid}`;
  return {
    browser,
    origin,
    async extensionPage(path) {
      const page = await browser.newPage();
      const url = `${origin}${path}`;
      // The tab moves to the extension's process, and Puppeteer never hears that navigation end
      // (firefox-esr 153): start it, then wait until the page itself says it is there and loaded.
      page.goto(url, { timeout: 60_000 }).catch(() => {});
      const deadline = Date.now() + 20_000;
      for (;;) {
        const ready = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
        if (ready === `${url} complete`) return page;
        if (Date.now() > deadline) throw new Error(`${url} did not load in Firefox (last: ${ready || 'no answer'})`);
        await new Promise((done) => setTimeout(done, 100));
      }
    },
    async close() {
      await browser.close();
      await new Promise((done) => proxy.close(done));
    },
  };
}

/** Text of an overlay's open shadow root (Seller Center helpers), or null while it is not there. */
export function overlayText(page: Page, helper: string): Promise<string | null> {
  return page.evaluate(
    (name) => document.querySelector(`sac-overlay[data-sac-helper="${name}"]`)?.shadowRoot?.textContent ?? null,
    helper,
  );
}
