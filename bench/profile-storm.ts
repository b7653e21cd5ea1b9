/**
 * Where the main thread's time goes during the 500-row re-render storm, with the extension: a CPU
 * profile over CDP, self time summed per function. A diagnostic for bench/badges.ts's storm figure.
 * Run: npx tsx bench/profile-storm.ts (after wxt build).
 */
import type { Page } from 'playwright-core';
import { launchWithExtension } from '../test/e2e/browser';
import { startFixtureServer } from '../test/e2e/fixture-server';

const URL_500 = 'https://seller-us.tiktok.com/tsp/manage?tab=services&rows=500&render_delay_ms=300';
type StormWindow = { __storm: (times: number, rows: number, done: () => void) => void };

async function main() {
  const fixtures = await startFixtureServer();
  const browser = await launchWithExtension(fixtures);
  await browser.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page: Page = await browser.context.newPage();
  await page.goto(URL_500);
  await page.waitForFunction(() => document.querySelectorAll('sac-badge').length >= 500, undefined, { timeout: 20_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.evaluate(() => new Promise<void>((done) => (window as unknown as StormWindow).__storm(150, 5, done)));
  await page.evaluate(() => new Promise<void>((done) => (window as unknown as StormWindow).__storm(20, 0, done)));
  await page.waitForTimeout(200);
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [k, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${k}`);
  await browser.close();
  await fixtures.close();
}

await main();
