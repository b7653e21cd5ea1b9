import { WordList } from '../../../shared/page-words';
import { readStatus } from '../../../shared/statuses';
import { MY_REQUEST } from './my-request';
import { MY_SERVICES } from './my-services';
import { PARTNER_MANAGEMENT } from './partner-management';
import type { PageVocabulary } from './vocabulary';

/** The list pages of Seller Center: they compete for one page's records. */
export const SELLER_CENTER_LISTS: readonly PageVocabulary<string>[] = [MY_SERVICES, MY_REQUEST, PARTNER_MANAGEMENT];

/** Whether a text is one of the words the helpers look for (a label or a status): kept unmasked in outlines. */
export function isVocabularyWord(vocabularies: readonly PageVocabulary<string>[]): (text: string) => boolean {
  const labels = new WordList(vocabularies.flatMap((v) => v.fields.flatMap((f) => f.labels)));
  return (text) => labels.has(text) || vocabularies.some((v) => readStatus(v.statusKind, text).known);
}
