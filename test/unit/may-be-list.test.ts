// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LIST_HELPERS } from '../../extension/features/list-helper-names';
import type { PageBatch } from '../../extension/features/watch-page';
import { isEmptyListPage } from '../../extension/pages/empty-list';
import { documentChanged } from '../../extension/pages/landmarks';
import { recogniseList } from '../../extension/pages/list-pages';
import { mayBeListPage, SELLER_CENTER_LIST_HINTS } from '../../extension/pages/may-be-list';
import { forgetRecognition } from '../../extension/pages/recognition-memo';
import { SELLER_CENTER_LISTS } from '../../extension/pages/vocabulary';
import { pageHinted } from '../../extension/pages/vocabulary/list-hints';
import { myRequestVariants, myServicesVariants, partnerManagementVariants } from '../variants/list-variants';

/**
 * The seller script loads the list readers only where `mayBeListPage` says a page may be a list.
 * That is safe only if it is a necessary condition of what the readers would say: on every page
 * where any list helper would match, say "maybe" (then "unavailable"), or see an empty list, the
 * gate must be open. Tried on every generated variant, each also at a route that says nothing and
 * with its headings gone, on the fixture pages, and on pages that are no list.
 */

const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };
const FIXTURES = join(import.meta.dirname, '../fixtures/seller-center');

interface Trial {
  name: string;
  path: string;
  html: string;
}

function trials(): Trial[] {
  const out: Trial[] = [];
  const variants = [...myServicesVariants(), ...myRequestVariants(), ...partnerManagementVariants()];
  for (const [i, variant] of variants.entries()) {
    out.push({ name: variant.name, path: variant.path, html: variant.html });
    // Every third variant is also tried without its hints (the whole run of them takes 20 s in happy-dom).
    if (i % 3 !== 0) continue;
    out.push({ name: `${variant.name} at a route that says nothing`, path: '/homepage', html: variant.html });
    const bare = variant.html.replace(/<(h[1-4])[^>]*>.*?<\/\1>/gs, '').replace(/role="tab"/g, '');
    out.push({ name: `${variant.name} without headings`, path: '/homepage', html: bare });
  }
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(FIXTURES, file), 'utf8')
      .replace(/^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/g, '')
      .replace(/<script[\s\S]*?<\/script>/g, '');
    out.push({ name: `fixture ${file}`, path: `/${file.replace('.html', '')}`, html });
    out.push({ name: `fixture ${file} at a route that says nothing`, path: '/homepage', html });
  }
  return out;
}

function open(trial: Trial): URL {
  forgetRecognition(document);
  document.body.innerHTML = trial.html;
  // No page watcher runs here to say the document changed (watch-page.ts does in the browser).
  documentChanged(document);
  return new URL(`https://seller-us.tiktok.com${trial.path}`);
}

/** What the list helpers would do here, without the gate: anything but "no" needs their readers. */
function readersNeeded(url: URL): boolean {
  return SELLER_CENTER_LISTS.some(
    (vocabulary) =>
      recogniseList(url, document, FULL, vocabulary, SELLER_CENTER_LISTS).state !== 'no' ||
      isEmptyListPage(url, document, vocabulary),
  );
}

beforeEach(() => {
  document.head.innerHTML = '<title>TikTok Shop Seller Center</title>';
});

describe('whether a page may be a list, before the list readers load', () => {
  const all = trials();

  it('is open wherever a list helper would match, say "maybe" or see an empty list', () => {
    let needed = 0;
    let byRecordsAlone = 0;
    const closedButNeeded: string[] = [];
    for (const trial of all) {
      const url = open(trial);
      if (!readersNeeded(url)) continue;
      needed++;
      if (!SELLER_CENTER_LISTS.some((hint) => pageHinted(hint, url, document))) byRecordsAlone++;
      if (!mayBeListPage(url, document)) closedButNeeded.push(trial.name);
    }
    expect(closedButNeeded).toEqual([]);
    // The trials mean something: most of them are list pages the readers recognise.
    expect(needed).toBeGreaterThan(800);
    // ...and many of them say nothing but their records: the gate opens on those by what they show.
    expect(byRecordsAlone).toBeGreaterThan(300);
  }, 120_000);

  it('knows the same list pages as recognition, with the same status words, and a helper for each', () => {
    const seen = (pages: readonly { id: string; statusKind: string; route: RegExp; heading: RegExp }[]) =>
      pages.map((p) => [p.id, p.statusKind, String(p.route), String(p.heading)]);
    expect(seen(SELLER_CENTER_LIST_HINTS)).toEqual(seen(SELLER_CENTER_LISTS));
    expect(seen(Object.values(LIST_HELPERS).map((h) => h.page))).toEqual(seen(SELLER_CENTER_LISTS));
  });

  it('is closed on pages with neither a list hint nor repeated records', () => {
    for (const [path, html] of [
      ['/homepage', '<main><h2>Welcome back</h2><p>Your shop is doing well.</p></main>'],
      [
        '/settings/notifications',
        '<main><h1>Notifications</h1><label>Email me about orders<input type="checkbox" checked></label></main>',
      ],
      ['/account/security', '<main><h1>Account security</h1><label>Phone<input value="+1 555 0100"></label></main>'],
    ] as const) {
      const url = open({ name: path, path, html });
      expect(mayBeListPage(url, document), path).toBe(false);
    }
  });

  it('is open on a page its route or heading names, records or not (the helper must say it is unavailable)', () => {
    expect(mayBeListPage(open({ name: 'route', path: '/tsp/my-services', html: '<p>Something went wrong.</p>' }), document)).toBe(
      true,
    );
    expect(mayBeListPage(open({ name: 'heading', path: '/x', html: '<h2>Partner Management</h2>' }), document)).toBe(true);
  });

  it('is open on a list of anything with dates and statuses (an order list): the readers decide, not the gate', () => {
    const url = open({
      name: 'orders',
      path: '/order/list',
      html: `<main><h2>Orders</h2><table><thead><tr><th>Product</th><th>Created</th><th>Order status</th></tr></thead><tbody>
      <tr><td>Linen throw</td><td>2026-11-20</td><td>Completed</td></tr><tr><td>Oak tray</td><td>2026-11-21</td><td>Active</td></tr>
      </tbody></table></main>`,
    });
    expect(readersNeeded(url)).toBe(false);
    expect(mayBeListPage(url, document)).toBe(true);
  });
});
