import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** End-to-end tests run against `wxt build` output only (dev builds register scripts at runtime). */
export default function setup(): void {
  if (process.env.SAC_SKIP_BUILD === '1') return;
  // Chromium's build and Firefox's (firefox.test.ts).
  for (const args of [['build'], ['build', '-b', 'firefox']]) {
    execFileSync(resolve(import.meta.dirname, '../../node_modules/.bin/wxt'), args, {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: 'inherit',
    });
  }
}
