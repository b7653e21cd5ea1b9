import { domGeneration } from '../features/watch-page';
import { dateOrderOf } from './page-date-order';
import { listGateMemo } from './recognition-memo';
import { findRecordSet } from './record-sets';
import {
  type ListPageHint,
  MY_REQUEST_HINT,
  MY_SERVICES_HINT,
  PARTNER_MANAGEMENT_HINT,
  pageHinted,
} from './vocabulary/list-hints';

/** The list pages of Seller Center, by their hints: each has a helper in entrypoints/seller-lists.ts. */
export const SELLER_CENTER_LIST_HINTS: readonly ListPageHint[] = [MY_SERVICES_HINT, MY_REQUEST_HINT, PARTNER_MANAGEMENT_HINT];

const answers = listGateMemo<{ key: string; answer: boolean }>();

const STATUS_KINDS = [...new Set(SELLER_CENTER_LIST_HINTS.map((hint) => hint.statusKind))];

/**
 * Whether this page may be one of the Seller Center lists: its route or heading says so, or it shows
 * repeated records with dates, periods, status words, codes or ids. This is what recognition itself
 * needs before it can say "match" or "maybe" (page-recognition.ts, empty-list.ts); a page without
 * either is no list page whatever its records are, so the list readers need not load there.
 */
export function mayBeListPage(url: URL, doc: Document): boolean {
  // Asked by every list helper and the expiry chip in one check: read once per page change.
  const key = `${domGeneration(doc)}|${url.href}`;
  const last = answers.get(doc);
  if (last?.key === key) return last.answer;
  const answer =
    SELLER_CENTER_LIST_HINTS.some((hint) => pageHinted(hint, url, doc)) ||
    (doc.body !== null && findRecordSet(doc.body, dateOrderOf(url), STATUS_KINDS) !== null);
  answers.set(doc, { key, answer });
  return answer;
}
