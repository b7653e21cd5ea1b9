// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Feature } from '../../extension/features/feature';
import type { PageBatch } from '../../extension/features/watch-page';
import { scriptPartKey } from '../../extension/script-parts';
import { myServicesVariants } from '../variants/list-variants';

const LISTS_KEY = scriptPartKey('seller-lists');
const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };

// The background's side of 'loadScriptPart': it runs the list helpers' script where the injected
// one would put them (the content-script world's global), or fails as executeScript can.
const background = vi.hoisted(() => ({ asked: [] as string[], fail: false, answer: null as Promise<void> | null }));

vi.mock('../../extension/messaging', () => ({
  sendMessage: async (type: string, data: { part?: string }) => {
    if (type === 'getSettings') return (await import('../../extension/settings')).DEFAULT_SETTINGS;
    if (type !== 'loadScriptPart') return new Promise(() => {});
    background.asked.push(data.part ?? '');
    if (background.answer) await background.answer;
    if (background.fail) throw new Error('Cannot access contents of the page.');
    const script = (await import('../../extension/entrypoints/seller-lists')).default;
    script.main();
  },
}));

let lazy: typeof import('../../extension/features/lazy-list-helpers');

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.resetModules();
  Reflect.deleteProperty(globalThis, LISTS_KEY);
  // The loader's state is the content-script world's (world-shared.ts): a fresh world per test.
  for (const name of ['partsLoading', 'partsFailedAt'])
    Reflect.deleteProperty(globalThis, Symbol.for(`shopAccessCompanion.${name}`));
  Object.assign(background, { asked: [], fail: false, answer: null });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  lazy = await import('../../extension/features/lazy-list-helpers');
  const { forgetRecognition } = await import('../../extension/pages/recognition-memo');
  forgetRecognition(document);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

/** Puts a page in the document, as the runner would see it after a batch of changes. */
async function show(html: string, path: string): Promise<URL> {
  const { forgetRecognition } = await import('../../extension/pages/recognition-memo');
  const { documentChanged } = await import('../../extension/pages/landmarks');
  document.body.innerHTML = html;
  forgetRecognition(document);
  documentChanged(document);
  return new URL(`https://seller-us.tiktok.com${path}`);
}

const myServices = () => myServicesVariants()[0] as { html: string; path: string };
const settle = () => vi.advanceTimersByTimeAsync(1);
const include = (helper: Feature, url: URL) => helper.include(url, document, FULL);

describe('the list helpers, before their readers are here', () => {
  it('asks for nothing on a page that is no list, and says why each helper is idle', async () => {
    const url = await show('<main><h1>Account security</h1><p>Two-step verification is on.</p></main>', '/account/security');
    for (const helper of lazy.lazyListHelpers()) expect(include(helper, url)).toMatchObject({ state: 'no' });
    expect(lazy.onMyServices(url, document, FULL)).toBe(false);
    await settle();
    expect(background.asked).toEqual([]);
  });

  it('asks once for the readers on a list, then the helpers answer with them', async () => {
    const variant = myServices();
    const url = await show(variant.html, variant.path);
    const loaded = vi.fn();
    lazy.whenListHelpersLoad(loaded);
    const helpers = lazy.lazyListHelpers();
    for (const helper of helpers) expect(include(helper, url)).toMatchObject({ state: 'no', why: 'loading the list readers' });
    // Until the readers can tell by the records, the chip goes by the route (which names My Services here).
    expect(lazy.onMyServices(url, document, FULL)).toBe(true);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(background.asked).toEqual(['seller-lists']);
    const states = helpers.map((helper) => [helper.id, include(helper, url).state]);
    expect(states).toEqual([
      ['my-services-badges', 'match'],
      ['tsp-request-tracking', 'no'],
      ['partner-management', 'no'],
    ]);
    expect(lazy.onMyServices(url, document, FULL)).toBe(true);
  });

  it('says the readers did not load where the page says it is a list, and asks again only after 30 s', async () => {
    background.fail = true;
    const variant = myServices();
    const url = await show(variant.html, '/tsp/my-services');
    const loaded = vi.fn();
    lazy.whenListHelpersLoad(loaded);
    const [badges, requests] = lazy.lazyListHelpers() as [Feature, Feature];
    include(badges, url);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    const said = include(badges, url);
    expect(said).toMatchObject({ state: 'maybe' });
    expect(JSON.stringify(said)).toContain('the list readers did not load (Cannot access contents of the page.)');
    // Another list's helper is not "unavailable" here: the page does not say it is that list.
    expect(include(requests, url)).toMatchObject({ state: 'no' });
    // Its hint still keeps the expiry chip off My Services.
    expect(lazy.onMyServices(url, document, FULL)).toBe(true);
    for (let i = 0; i < 5; i++) include(badges, url);
    await settle();
    expect(background.asked).toHaveLength(1);
    // When the 30 s are over the runner is told to look again, though the page did not change.
    background.fail = false;
    await vi.advanceTimersByTimeAsync(30_011);
    expect(loaded).toHaveBeenCalledTimes(2);
    include(badges, url);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(3), { timeout: 10_000 });
    expect(background.asked).toHaveLength(2);
    expect(include(badges, url)).toMatchObject({ state: 'match' });
  });

  it('keeps the expiry chip on a list the route does not name while the readers come, and off once they say My Services', async () => {
    const bare = myServices()
      .html.replace(/<(h[1-4])[^>]*>.*?<\/\1>/gs, '')
      .replace(/role="tab"/g, '');
    const url = await show(bare, '/homepage');
    const loaded = vi.fn();
    lazy.whenListHelpersLoad(loaded);
    expect(lazy.onMyServices(url, document, FULL)).toBe(false);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(lazy.onMyServices(url, document, FULL)).toBe(true);
  });

  it('keeps the expiry chip off My Services while its rows are still being drawn, once the readers are here', async () => {
    const variant = myServices();
    const loaded = vi.fn();
    lazy.whenListHelpersLoad(loaded);
    lazy.onMyServices(await show(variant.html, variant.path), document, FULL);
    await vi.waitFor(() => expect(loaded).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    // An in-app move to My Services: the heading is drawn, the rows come later.
    const drawing = await show(
      '<main><h1>My Services</h1><div role="progressbar">Loading</div></main>',
      '/tsp/home?tab=services',
    );
    expect(lazy.onMyServices(drawing, document, FULL)).toBe(true);
    // The same still page under another route and heading is no My Services.
    const elsewhere = await show('<main><h1>Growth center</h1><div role="progressbar">Loading</div></main>', '/growth');
    expect(lazy.onMyServices(elsewhere, document, FULL)).toBe(false);
  });

  it('shares ids and "helper unavailable" words with the helpers that arrive', async () => {
    const { myServicesBadges } = await import('../../extension/features/my-services-badges');
    const { tspRequestTracking } = await import('../../extension/features/tsp-request-tracking');
    const { partnerManagement } = await import('../../extension/features/partner-management');
    const real = [myServicesBadges(), tspRequestTracking(), partnerManagement()];
    const stand = lazy.lazyListHelpers();
    expect(stand.map((h) => [h.id, h.unavailable])).toEqual(real.map((h) => [h.id, h.unavailable]));
  });
});
