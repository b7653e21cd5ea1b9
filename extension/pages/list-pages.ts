import { sellerCenterHost } from '../../shared/markets';
import { type DateOrder, dateOrderFor } from '../../shared/page-dates';
import { domGeneration, type PageBatch } from '../features/watch-page';
import { type Recognition, type RecognitionScope, recognise } from './page-recognition';
import { BUSINESS_CENTER_LISTS, SELLER_CENTER_LISTS } from './vocabulary';
import type { PageVocabulary } from './vocabulary/vocabulary';

/** Numeric dates are read the way the host's market writes them; Business Center's order is not known. */
export function dateOrderOf(url: URL): DateOrder {
  return dateOrderFor(sellerCenterHost(url.hostname)?.market);
}

/** The list pages that compete for this host's records. */
export function listsFor(url: URL): readonly PageVocabulary<string>[] {
  return url.hostname === 'business.tiktok.com' ? BUSINESS_CENTER_LISTS : SELLER_CENTER_LISTS;
}

/** What this page is for one list vocabulary, from a helper's check or the runner. */
export function recogniseList<K extends string>(
  url: URL,
  doc: Document,
  batch: PageBatch,
  vocabulary: PageVocabulary<K>,
): Recognition<K> {
  const scope: RecognitionScope = {
    doc,
    url,
    order: dateOrderOf(url),
    vocabularies: listsFor(url),
    unchangedOutside: (container) => !batch.full && batch.onlyWithin(container),
    generation: domGeneration(doc),
  };
  return recognise(scope, vocabulary);
}
