/**
 * A batch of 20 shop-access requests on the Business Center fixture, driven through its dialogs by
 * the extension after one click. Reports time per request, end to end, for two simulated TikTok
 * server delays, so the extension's own share is visible. Run: npm run bench:bc (builds first).
 */
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { launchWithExtension } from '../test/e2e/browser';
import { ClosedRoot } from '../test/e2e/closed-root';
import { startFixtureServer } from '../test/e2e/fixture-server';

const BATCH = 20;

async function main() {
  const fixtures = await startFixtureServer();
  const browser = await launchWithExtension(fixtures);
  const runs: { serverMs: number; perRequestMs: number; extensionMs: number }[] = [];
  let org = 7100000000000;
  for (const serverMs of [20, 150]) {
    for (let run = 0; run < 3; run++) {
      org++;
      const page = await browser.context.newPage();
      await page.goto(`https://business.tiktok.com/manage/assets/shops?org_id=${org}&reset=1&server_ms=${serverMs}`);
      // The panel is in a closed shadow root: reached through the DevTools protocol.
      const panel = new ClosedRoot(page, 'sac-overlay[data-sac-helper="bc-shops-panel"]').locator('[data-testid="bc-panel"]');
      await panel.waitFor({ timeout: 10_000 });
      const codes = Array.from(
        { length: BATCH },
        (_, i) => `MYLC${String(org % 10000).padStart(4, '0')}${String(i).padStart(2, '0')}`,
      );
      await panel.getByLabel('Paste shop codes').fill(codes.join('\n'));
      await panel.getByRole('button', { name: 'Add codes' }).click();
      for (const code of codes) await panel.locator(`[data-testid="bc-candidates"] li[data-code="${code}"] input`).check();
      const started = performance.now();
      await panel.getByRole('button', { name: /Request selected/ }).click();
      const notice = panel.locator('[data-testid="bc-notice"]');
      while (!((await notice.textContent({ timeout: 120_000 })) ?? '').includes(`${BATCH} request(s) sent`)) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const perRequestMs = (performance.now() - started) / BATCH;
      runs.push({ serverMs, perRequestMs: Math.round(perRequestMs), extensionMs: Math.round(perRequestMs - serverMs) });
      await page.close();
    }
  }
  await browser.close();
  await fixtures.close();
  const result = {
    machine: `${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    batch: BATCH,
    targetPerRequestMs: 1000,
    runs,
  };
  writeFileSync(resolve(import.meta.dirname, 'results/bc-requests.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

await main();
