import { domGeneration, type PageBatch } from '../features/watch-page';
import { dateOrderOf } from './page-date-order';
import { type Recognition, type RecognitionScope, recognise } from './page-recognition';
import type { PageVocabulary } from './vocabulary/vocabulary';

/**
 * What this page is for one list vocabulary, from a helper's check or the runner. `competitors` are
 * the list pages of the same site (they compete for the records); passed in, so each content script
 * bundles only its own site's vocabularies.
 */
export function recogniseList<K extends string>(
  url: URL,
  doc: Document,
  batch: PageBatch,
  vocabulary: PageVocabulary<K>,
  competitors: readonly PageVocabulary<string>[],
): Recognition<K> {
  const scope: RecognitionScope = {
    doc,
    url,
    order: dateOrderOf(url),
    vocabularies: competitors,
    unchangedOutside: (container) => !batch.full && batch.onlyWithin(container),
    generation: domGeneration(doc),
  };
  return recognise(scope, vocabulary);
}
