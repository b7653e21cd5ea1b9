// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCurrentShop } from '../../extension/db/current-shop';
import { CompanionDb } from '../../extension/db/database';
import { recordShopCapture } from '../../extension/db/shops';
import { pageHeaderText } from '../../extension/features/page-shop';
import type { PageBatch } from '../../extension/features/watch-page';
import { recogniseList } from '../../extension/pages/list-pages';
import { pageOutline } from '../../extension/pages/page-outline';
import { forgetRecognition } from '../../extension/pages/recognition-memo';
import { isVocabularyWord, SELLER_CENTER_LISTS } from '../../extension/pages/vocabulary';
import { MY_REQUEST } from '../../extension/pages/vocabulary/my-request';
import { MY_SERVICES } from '../../extension/pages/vocabulary/my-services';
import { PARTNER_MANAGEMENT } from '../../extension/pages/vocabulary/partner-management';
import { myServicesVariants } from '../variants/list-variants';

const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };

function page(html: string, path = '/homepage'): URL {
  forgetRecognition(document);
  document.body.innerHTML = html;
  return new URL(`https://seller-us.tiktok.com${path}`);
}

beforeEach(() => {
  document.head.innerHTML = '<title>TikTok Shop Seller Center</title>';
});

describe('a page that is no list page', () => {
  it('is not taken for one, even with dates and status words about', () => {
    const url = page(
      `<header>Maple &amp; Moss Home</header><main><h2>Orders</h2><table><thead><tr><th>Order</th><th>Created</th><th>State</th></tr></thead><tbody>
      <tr><td>576461234</td><td>2026-11-20</td><td>Closed</td></tr><tr><td>576461235</td><td>2026-11-21</td><td>Active</td></tr>
      <tr><td>576461236</td><td>2026-11-22</td><td>Completed</td></tr></tbody></table></main>`,
    );
    for (const vocabulary of SELLER_CENTER_LISTS)
      expect(recogniseList(url, document, FULL, vocabulary, SELLER_CENTER_LISTS).state).toBe('no');
  });

  it('does not take an order list for My Services, though it has titles, dates and "Completed"', () => {
    const url = page(
      `<main><h2>Orders</h2><table><thead><tr><th>Product</th><th>Created</th><th>Order status</th></tr></thead><tbody>
      <tr><td>Linen throw</td><td>2026-11-20</td><td>Completed</td></tr><tr><td>Oak tray</td><td>2026-11-21</td><td>Active</td></tr>
      <tr><td>Clay mug</td><td>2026-11-22</td><td>Completed</td></tr></tbody></table></main>`,
      '/order/list',
    );
    for (const vocabulary of SELLER_CENTER_LISTS) {
      expect(recogniseList(url, document, FULL, vocabulary, SELLER_CENTER_LISTS).state).toBe('no');
    }
  });

  it('says "maybe" (then unavailable) when its route or heading names a list page whose records are not there', () => {
    const url = page('<h2>My Services</h2><p>Something went wrong. Try again later.</p>', '/tsp/my-services');
    const found = recogniseList(url, document, FULL, MY_SERVICES, SELLER_CENTER_LISTS);
    expect(found.state).toBe('maybe');
    if (found.state === 'maybe') expect(found.tried.join(' ')).toContain('no repeated records');
    expect(recogniseList(url, document, FULL, MY_REQUEST, SELLER_CENTER_LISTS).state).toBe('no');
  });

  it('says what it found when the records do not fit: never a guess', () => {
    const url = page(
      `<h2>My Services</h2><ul><li><b>Thing one</b><span>2026-12-01</span></li><li><b>Thing two</b><span>2026-12-02</span></li></ul>`,
      '/partner/list',
    );
    // Without a route or heading hint, dates alone are not My Services (no status words).
    expect(recogniseList(page(document.body.innerHTML, '/x'), document, FULL, MY_SERVICES, SELLER_CENTER_LISTS).state).not.toBe(
      'match',
    );
    expect(recogniseList(url, document, FULL, PARTNER_MANAGEMENT, SELLER_CENTER_LISTS).state).toBe('no');
  });
});

describe('Copy page outline', () => {
  it('keeps the structure and the words the helpers look for, and masks every value', () => {
    const variant = myServicesVariants().find((v) => v.name.includes('cards')) ?? myServicesVariants()[0];
    const url = page(
      `<header data-tid="m4b_avatar">Maple &amp; Moss Home USLCQPEV3N seller@example.com</header>${variant?.html ?? ''}`,
    );
    expect(url.hostname).toBe('seller-us.tiktok.com');
    const outline = pageOutline(document.body, isVocabularyWord(SELLER_CENTER_LISTS));
    for (const secret of [
      'Maple',
      'Moss',
      'USLCQPEV3N',
      'example',
      'Growth Partners',
      'Ads management',
      '2026',
      '2025',
      '2027',
    ]) {
      expect(outline).not.toContain(secret);
    }
    expect(outline).toContain('header[data-tid=m4b_avatar] "xxxxx & xxxx xxxx xxxxxxxx9x xxxxxx@xxxxxxx.xxx"');
    expect(outline).toMatch(/div "Service type"|div "Type"|div "Category"/);
    expect(outline).toContain('"Active"');
    expect(outline.split('\n').length).toBeLessThan(200);
    expect(outline).toContain('more like the one above');
  });
});

describe('which shop a list belongs to, with several shops on one host', () => {
  let db: CompanionDb;
  afterEach(async () => {
    await db?.delete();
  });
  const shop = (shopCode: string, name: string) => ({
    shopCode,
    name,
    region: 'US' as const,
    sellerType: 'local' as const,
    sellerCenterHost: 'seller-us.tiktok.com',
    standardCode: true,
  });

  it('is told by the name or code in the top bar, avatar, account menu or title, or not at all', async () => {
    db = new CompanionDb(`t-${Math.random()}`);
    await recordShopCapture(db, shop('USLCQPEV3N', 'Maple'), 1);
    await recordShopCapture(db, shop('USLCABC123', 'Maple & Moss Home'), 2);
    await recordShopCapture(db, shop('USLCXYZ789', 'Kopi Kita'), 3);
    const resolve = async (html: string, title = 'Seller Center') => {
      document.head.innerHTML = `<title>${title}</title>`;
      document.body.innerHTML = html;
      return (await resolveCurrentShop(db, 'seller-us.tiktok.com', pageHeaderText(document)))?.shopCode ?? null;
    };
    expect(await resolve('<header><div data-tid="m4b_avatar"><span>Kopi Kita</span></div></header><main>Maple</main>')).toBe(
      'USLCXYZ789',
    );
    // The longer name is the one shown, not the shop whose name it contains.
    expect(await resolve('<div role="banner"><span>Maple &amp; Moss Home</span><span>Account</span></div>')).toBe('USLCABC123');
    expect(await resolve('<div role="menu"><div>Switch shop</div><div>USLCQPEV3N</div></div>')).toBe('USLCQPEV3N');
    expect(await resolve('<main>nothing here</main>', 'Kopi Kita - Seller Center')).toBe('USLCXYZ789');
    // Both named, or none: cannot tell, and nothing is saved.
    expect(await resolve('<header>Kopi Kita | Maple &amp; Moss Home</header>')).toBeNull();
    expect(await resolve('<header>Welcome</header><main>Kopi Kita</main>')).toBeNull();
  });
});
