import { pageOutline } from '../pages/page-outline';
import { isVocabularyWord, SELLER_CENTER_LISTS } from '../pages/vocabulary';

/** A Seller Center page's outline for a bug report: every value masked, the list pages' own words kept. */
export const outlineOfSellerCenter = (doc: Document) => pageOutline(doc.body, isVocabularyWord(SELLER_CENTER_LISTS));
