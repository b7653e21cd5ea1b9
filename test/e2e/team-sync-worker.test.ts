import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';
import { type RunningServer, startServer } from '../server/server-process';
import { type ExtensionBrowser, launchWithExtension, shopCodeOverlay, submitJoin } from './browser';
import { type FixtureServer, startFixtureServer } from './fixture-server';

/**
 * Chrome may stop an MV3 service worker at any moment, mid-request included. Each member's browser
 * reaches the real server through a proxy that can let a push or a pull reach the server and then
 * hold its answer; the test stops the worker while the answer is held (CDP), and checks that the
 * next event wakes sync again, nothing is applied twice and nothing is lost.
 */
let fixtures: FixtureServer;
let server: RunningServer;
let dataDir: string;
let teamId: string;
let viewerToken: string;
const browsers: ExtensionBrowser[] = [];
const proxies: HoldingProxy[] = [];

interface HoldingProxy {
  url: string;
  /** The next request to this path goes through to the server; its answer is held back. Resolves once held. */
  holdNext(path: string): Promise<void>;
  /** Drops the held answer's connection (its worker is gone anyway). */
  drop(): void;
  /** While down, every request and socket is refused, as by a server that is not there. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

async function holdingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let hold: { path: string; held: () => void } | null = null;
  let heldResponse: ServerResponse | null = null;
  let down = false;
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    if (down) {
      res.destroy();
      return;
    }
    const out = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const path = new URL(req.url ?? '/', target).pathname;
        // Not the CORS preflight: the request itself.
        if (hold && path === hold.path && req.method !== 'OPTIONS') {
          const { held } = hold;
          hold = null;
          heldResponse = res;
          answer.resume();
          answer.on('end', held);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };
  const proxy: Server = createServer(forward);
  // The live socket is passed through as bytes.
  proxy.on('upgrade', (req, socket, head) => {
    if (down) {
      socket.destroy();
      return;
    }
    const out = connect(Number(upstream.port), upstream.hostname, () => {
      out.write(
        `${req.method} ${req.url} HTTP/1.1\r\n${Object.entries(req.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`,
      );
      out.write(head);
      socket.pipe(out).pipe(socket);
    });
    out.on('error', () => socket.destroy());
    socket.on('error', () => out.destroy());
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  const { port } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    holdNext: (path) =>
      new Promise((held) => {
        hold = { path, held };
      }),
    setDown: (value) => {
      down = value;
    },
    drop: () => {
      heldResponse?.destroy();
      heldResponse = null;
    },
    close: () => {
      proxy.closeAllConnections();
      return new Promise((done) => proxy.close(() => done()));
    },
  };
}

/**
 * A table of the extension's IndexedDB, read from a page of the extension's origin that runs none
 * of its scripts (the manifest): opening the popup would message the worker and wake it.
 */
async function storedRecords(browser: ExtensionBrowser, table: string): Promise<Array<Record<string, unknown>>> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const records = await page.evaluate(
    (name) =>
      new Promise<Array<Record<string, unknown>>>((done, fail) => {
        const req = indexedDB.open('shop-access-companion');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            req.result.close();
            done(all.result);
          };
          all.onerror = () => fail(all.error);
        };
      }),
    table,
  );
  await page.close();
  return records;
}

/** Stops the extension's service worker as Chrome does when it decides to (DevTools' "Stop"). */
async function stopWorker(browser: ExtensionBrowser): Promise<void> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
  if (!worker) throw new Error('no service worker to stop');
  await cdp.send('Target.closeTarget', { targetId: worker.targetId });
  await expect
    .poll(async () => {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string }[] };
      return now.some((t) => t.targetId === worker.targetId);
    })
    .toBe(false);
  await page.close();
}

async function serverAudit(recordId: string): Promise<{ version: number; op: string }[]> {
  const res = await fetch(`${server.url}/v1/audit?limit=1000`, { headers: { authorization: `Bearer ${viewerToken}` } });
  const { entries } = (await res.json()) as { entries: { version: number; recordId: string; op: string }[] };
  return entries.filter((e) => e.recordId === recordId);
}

async function joinTeam(index: number, name: string): Promise<void> {
  const store = openSqliteStore(dataDir);
  const { code } = await store.createInvite(teamId, 'member', { maxUses: 1, expiresAt: Date.now() + 3_600_000 });
  await store.close();
  const page = await submitJoin(browsers[index] as ExtensionBrowser, `${proxies[index]?.url}/join#${code}`, name);
  // Set-up runs outside a test, where expect.poll may not.
  await page
    .getByTestId('sync-state')
    .filter({ hasText: /^Synced/ })
    .waitFor({ timeout: 20_000 });
  await page.close();
}

/** Wakes the worker with an event (an extension page asking for the sync status), as any click would. */
async function wake(browser: ExtensionBrowser): Promise<Page> {
  return browser.extensionPage('/dashboard.html?tab=Settings');
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sac-e2e-worker-'));
  const store = openSqliteStore(dataDir);
  ({ teamId } = await store.createTeam('Northwind Agency'));
  viewerToken = (await store.createDeviceToken(teamId, 'viewer', 'test reader')).token;
  await store.close();
  server = await startServer({ DATA_DIR: dataDir });
  fixtures = await startFixtureServer();
  for (let i = 0; i < 2; i++) {
    proxies.push(await holdingProxy(server.url));
    browsers.push(await launchWithExtension(fixtures));
  }
  await joinTeam(0, 'Ana');
  await joinTeam(1, 'Ben');
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  for (const p of proxies) await p.close();
  await fixtures?.close();
  await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the service worker stopped mid-sync', () => {
  it('mid-push: the server applied it, the answer never came back; the next event resends it, applied once', async () => {
    const [ana, ben] = browsers as [ExtensionBrowser, ExtensionBrowser];
    const held = (proxies[0] as HoldingProxy).holdNext('/v1/push');
    const page = await ana.context.newPage();
    await page.goto('https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old');
    await shopCodeOverlay(page).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 15_000 });
    await held;
    // Whatever wakes the worker next must not reach the server before the outbox is read.
    (proxies[0] as HoldingProxy).setDown(true);
    await page.close();
    await stopWorker(ana);
    (proxies[0] as HoldingProxy).drop();
    // The server has the change; the browser never heard so, and still holds it in its outbox.
    expect(await serverAudit('USLCQPEV3N')).toHaveLength(1);
    expect((await storedRecords(ana, 'outbox')).map((e) => e.id)).toEqual(['USLCQPEV3N']);

    (proxies[0] as HoldingProxy).setDown(false);
    const settings = await wake(ana);
    await expect.poll(async () => (await storedRecords(ana, 'outbox')).length, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => settings.getByTestId('sync-state').textContent(), { timeout: 20_000 }).toMatch(/^Synced/);
    expect(await serverAudit('USLCQPEV3N')).toHaveLength(1);
    await expect
      .poll(async () => (await storedRecords(ben, 'shops')).map((s) => s.shopCode), { timeout: 20_000 })
      .toEqual(['USLCQPEV3N']);
    expect(await settings.getByTestId('sync-conflicts').count()).toBe(0);
    await settings.close();
  });

  it('mid-pull: the page was read, never stored; the next event pulls it again, stored once', async () => {
    const [ana, ben] = browsers as [ExtensionBrowser, ExtensionBrowser];
    const held = (proxies[1] as HoldingProxy).holdNext('/v1/pull');
    const page = await ana.context.newPage();
    await page.goto('https://seller-uk.tiktok.com/profile/seller-profile');
    await shopCodeOverlay(page).locator('[data-testid="sac-status"]', { hasText: 'Saved' }).waitFor({ timeout: 15_000 });
    await page.close();
    // Ana's push pokes Ben's worker, whose pull reaches the server and is held.
    await held;
    (proxies[1] as HoldingProxy).setDown(true);
    await stopWorker(ben);
    (proxies[1] as HoldingProxy).drop();
    expect((await storedRecords(ben, 'shops')).map((s) => s.shopCode)).toEqual(['USLCQPEV3N']);

    (proxies[1] as HoldingProxy).setDown(false);
    const settings = await wake(ben);
    await expect
      .poll(async () => (await storedRecords(ben, 'shops')).map((s) => s.shopCode).sort(), { timeout: 20_000 })
      .toEqual(['GBGBLCRKQTEX', 'USLCQPEV3N']);
    await expect.poll(() => settings.getByTestId('sync-state').textContent(), { timeout: 20_000 }).toMatch(/^Synced/);
    expect(await storedRecords(ben, 'outbox')).toEqual([]);
    const [checkpoint] = (await storedRecords(ben, 'syncState')).filter((s) => s.key === 'checkpoint');
    const versions = (await serverAudit('GBGBLCRKQTEX')).map((e) => e.version);
    expect(Number(checkpoint?.value)).toBeGreaterThanOrEqual(Math.max(...versions));
    await settings.close();
  });
});
