/**
 * The storm figure alone, quickly: main-thread task time of the 500-row re-render storm, runs
 * alternating with and without the extension. For trying changes; bench/badges.ts is the full run.
 * Run: npx tsx bench/storm-ratio.ts [runs]
 */
import type { BrowserContext } from 'playwright-core';
import { launchChromium, launchWithExtension } from '../test/e2e/browser';
import { startFixtureServer } from '../test/e2e/fixture-server';

const URL_500 = 'https://seller-us.tiktok.com/tsp/manage?tab=services&rows=500&render_delay_ms=300';
type StormWindow = { __storm: (times: number, rows: number, done: () => void) => void };

async function storm(context: BrowserContext): Promise<number> {
  const page = await context.newPage();
  await page.goto(URL_500);
  await page.waitForFunction(() => (window as unknown as { __rowsPresentAt?: number }).__rowsPresentAt !== undefined);
  await page.waitForTimeout(800);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () =>
    Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const task = async () => (await metrics()).TaskDuration ?? 0;
  const start = await metrics();
  const before = start.TaskDuration ?? 0;
  const mode = process.argv[3] ?? 'both';
  if (mode !== 'full')
    await page.evaluate(() => new Promise<void>((done) => (window as unknown as StormWindow).__storm(150, 5, done)));
  if (mode !== 'partial')
    await page.evaluate(() => new Promise<void>((done) => (window as unknown as StormWindow).__storm(20, 0, done)));
  await page.waitForTimeout(200);
  const end = await metrics();
  const ms = ((await task()) - before) * 1000;
  if (process.env.SAC_METRICS)
    console.log(
      ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration', 'LayoutCount', 'RecalcStyleCount']
        .map((k) => `${k} ${Math.round(((end[k] ?? 0) - (start[k] ?? 0)) * (k.endsWith('Count') ? 1 : 1000))}`)
        .join(' | '),
    );
  await cdp.detach();
  await page.close();
  return ms;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

async function main() {
  const runs = Number(process.argv[2] ?? 3);
  const fixtures = await startFixtureServer();
  const withExt = await launchWithExtension(fixtures);
  const plain = await launchChromium(fixtures, false);
  for (const c of [withExt.context, plain.context]) await c.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const w: number[] = [];
  const wo: number[] = [];
  for (let i = 0; i < runs; i++) {
    w.push(await storm(withExt.context));
    wo.push(await storm(plain.context));
  }
  console.log(
    `with ${w.map(Math.round).join(', ')} | without ${wo.map(Math.round).join(', ')} | ratio of medians ${(median(w) / median(wo)).toFixed(2)}`,
  );
  await withExt.close();
  await plain.context.close();
  await fixtures.close();
}

await main();
