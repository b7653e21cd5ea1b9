import { sellerCenterHost } from '../../shared/markets';
import { mayBeListPage } from '../pages/may-be-list';
import { type ListPageHint, MY_SERVICES_HINT, pageHinted } from '../pages/vocabulary/list-hints';
import type { Feature, PageMatch } from './feature';
import { LIST_HELPERS, listHelperUnavailable } from './list-helper-names';
import { loadedPart, loadScriptPart, RETRY_AFTER_MS } from './script-part-loader';
import { outlineOfSellerCenter } from './seller-outline';
import type { PageBatch } from './watch-page';

/** What the list helpers' script (entrypoints/seller-lists.ts) leaves in the content-script world. */
export interface SellerLists {
  helpers: readonly Feature[];
  isMyServicesPage(url: URL, doc: Document, batch: PageBatch): boolean;
}

let failure: { why: string; at: number } | null = null;
let asking = false;
const onLoad = new Set<() => void>();

/** Called when the list helpers arrive or fail to: the runner checks the page again with them. */
export function whenListHelpersLoad(listener: () => void): () => void {
  onLoad.add(listener);
  return () => onLoad.delete(listener);
}

/** The list helpers if they are here; otherwise asks for them (once at a time, after a failure once every 30 s). */
function listHelpers(): SellerLists | undefined {
  const here = loadedPart<SellerLists>('seller-lists');
  if (here || asking || (failure && Date.now() - failure.at < RETRY_AFTER_MS)) return here;
  asking = true;
  loadScriptPart<SellerLists>('seller-lists')
    .then(
      () => {
        failure = null;
      },
      (error: Error) => {
        failure = { why: error.message, at: Date.now() };
        console.warn('[Shop Access Companion] the list helpers did not load', error);
        // Asked again when the window ends, not only when the page next changes (a still page would wait for ever).
        setTimeout(() => {
          for (const listener of onLoad) listener();
        }, RETRY_AFTER_MS + 10);
      },
    )
    .finally(() => {
      asking = false;
      for (const listener of onLoad) listener();
    });
  return undefined;
}

/**
 * A list helper as the seller script knows it before its readers are here: the page is no list
 * (nothing to load), the readers are on their way, or they are here and the helper itself answers.
 */
function lazyListHelper({ id, page }: { id: string; page: ListPageHint }): Feature {
  const real = () => loadedPart<SellerLists>('seller-lists')?.helpers.find((helper) => helper.id === id);
  return {
    id,
    hosts: (url) => sellerCenterHost(url.hostname) !== null,
    include(url, doc, batch): PageMatch {
      const helper = real();
      if (helper) return helper.include(url, doc, batch);
      if (!mayBeListPage(url, doc)) return { state: 'no', why: `not ${page.pageName}: no list of its records` };
      if (listHelpers()) return { state: 'no', why: 'the list readers just arrived' };
      if (failure === null) return { state: 'no', why: 'loading the list readers' };
      const why = `the list readers did not load (${failure.why})`;
      return pageHinted(page, url, doc) ? { state: 'maybe', tried: [why] } : { state: 'no', why };
    },
    unavailable: listHelperUnavailable(id, page.pageName),
    outline: outlineOfSellerCenter,
    init(run) {
      real()?.init(run);
    },
  };
}

export const lazyListHelpers = (): Feature[] => Object.values(LIST_HELPERS).map(lazyListHelper);

/**
 * Whether this is My Services, for helpers of every page (the expiry chip). The records say, and
 * the route or heading too: before the list has drawn its rows (or if the readers cannot come),
 * the records cannot say yet, and a chip shown then would be taken away a moment later.
 */
export function onMyServices(url: URL, doc: Document, batch: PageBatch): boolean {
  const here = loadedPart<SellerLists>('seller-lists');
  if (here) return pageHinted(MY_SERVICES_HINT, url, doc) || here.isMyServicesPage(url, doc, batch);
  if (!mayBeListPage(url, doc)) return false;
  // Asks for them: they will say by the records, and the runner checks again when they come.
  listHelpers();
  return pageHinted(MY_SERVICES_HINT, url, doc);
}
