import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = join(ROOT, '.output');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

/**
 * Warnings the Firefox linter gives that are understood: Preact's renderer (in the overlays' views
 * and the extension pages; no longer in the content scripts) holds the innerHTML path of
 * `dangerouslySetInnerHTML`, which no component here uses (checked below); the data
 * collection key is new to Firefox for Android, which this extension does not target.
 */
const understood = (w: LintMessage) =>
  (w.code === 'UNSAFE_VAR_ASSIGNMENT' && /^(overlay-ui\.js|chunks\/ShopList-[\w-]+\.js)$/.test(w.file ?? '')) ||
  (w.code === 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION' && w.file === 'manifest.json');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('store packages', () => {
  it('npm run zip makes the Chromium and Firefox packages, and web-ext lint finds no error in the Firefox one', () => {
    execFileSync('npm', ['run', '-s', 'zip'], { cwd: ROOT, stdio: 'ignore' });
    const zips = readdirSync(OUTPUT).filter((f) => f.endsWith('.zip'));
    for (const browser of ['chrome', 'firefox']) {
      const name = `shop-access-companion-${version}-${browser}.zip`;
      expect(zips).toContain(name);
      expect(statSync(join(OUTPUT, name)).size).toBeGreaterThan(50_000);
    }
    // What the Firefox zip packs, linted by the tool Mozilla's store runs (web-ext lint = addons-linter).
    const out = execFileSync(
      join(ROOT, 'node_modules/.bin/web-ext'),
      ['lint', '--source-dir', join(OUTPUT, 'firefox-mv2'), '--output', 'json', '--no-config-discovery'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { errors: LintMessage[]; warnings: LintMessage[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => !understood(w))).toEqual([]);
    // One renderer per bundle that renders (two content scripts, the pages' shared chunk), no more.
    expect(report.warnings.filter((w) => w.code === 'UNSAFE_VAR_ASSIGNMENT').length).toBeLessThanOrEqual(3);
  }, 180_000);

  it('every bundle the extension runs goes through webextension-polyfill (WXT module), in both builds', () => {
    // The polyfill's own marker for a rejected answer: present only where its wrapper was bundled.
    const MARKER = '__mozWebExtensionPolyfillReject__';
    for (const build of ['chrome-mv3', 'firefox-mv2']) {
      const dir = join(OUTPUT, build);
      const pagesChunk = readdirSync(join(dir, 'chunks')).filter((f) => /^ShopList-[\w-]+\.js$/.test(f));
      expect(pagesChunk).toHaveLength(1);
      for (const file of [
        'background.js',
        'content-scripts/seller.js',
        'content-scripts/business.js',
        `chunks/${pagesChunk[0]}`,
      ]) {
        expect(readFileSync(join(dir, file), 'utf8'), `${build}/${file}`).toContain(MARKER);
      }
    }
  });

  it('no component writes HTML: the innerHTML the linter sees is only in the renderer', () => {
    const writing = [...sourcesUnder(join(ROOT, 'extension')), ...sourcesUnder(join(ROOT, 'shared'))].filter((file) =>
      /innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|outerHTML\s*=/.test(readFileSync(file, 'utf8')),
    );
    expect(writing).toEqual([]);
  });
});
