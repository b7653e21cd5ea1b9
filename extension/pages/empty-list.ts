import { normalizeWords } from '../../shared/page-words';
import { normalizeText } from './dom-text';
import { pageSays } from './landmarks';
import type { PageVocabulary } from './vocabulary/vocabulary';

/** Words a class says itself (not a hashed name): a page still drawing, or a message about a failure. */
const BUSY_CLASS = /(^|[\s_-])(spin|spinner|skeleton|loading|placeholder)([\s_-]|$)/i;

/** What an empty list says in its one cell; never "No results" (a search found nothing: the list is not whole). */
const EMPTY_WORDS =
  /^(no data|no records?|nothing here( yet)?|empty|no (services?|partners?|requests?|authori[sz]ations?|business centers?|shops?)( yet| found| to show)?)\.?$/i;

/** The part of the page where the list would be; null while it is loading or says something failed. */
export function quietListRoot(doc: Document): Element | null {
  const root = doc.querySelector('main, [role="main"]') ?? doc.body;
  if (!root) return null;
  if (root.querySelector('[role="alert"], [aria-busy="true"], [role="progressbar"]')) return null;
  if ([...root.querySelectorAll('[class]')].some((el) => BUSY_CLASS.test(el.getAttribute('class') ?? ''))) return null;
  return root;
}

/** Whether a table under `root` has headers `isHeader` accepts and holds nothing but an empty-state text. */
export function hasEmptyTable(root: Element, isHeader: (headers: string[]) => boolean): boolean {
  return [...root.querySelectorAll('table, [role="table"], [role="grid"]')].some((table) => {
    const headers = [...table.querySelectorAll('th, [role="columnheader"]')].map((h) => normalizeText(h.textContent));
    if (!isHeader(headers)) return false;
    const cells = [...table.querySelectorAll('td, [role="cell"], [role="gridcell"]')]
      .map((c) => normalizeText(c.textContent))
      .filter(Boolean);
    return cells.length === 1 && EMPTY_WORDS.test(cells[0] as string);
  });
}

/**
 * A Seller Center list page showing no records at all: the route or a heading says which page this
 * is, and a table whose headers name at least two of the page's fields, one of them a field every
 * record carries, holds only "No data" (or the like), with nothing loading or failing beside it.
 * Only then is it the whole list of none, and its last records can be marked gone; anything less
 * certain reads as no list (the helper says it is unavailable and marks nothing).
 */
export function isEmptyListPage<K extends string>(url: URL, doc: Document, vocabulary: PageVocabulary<K>): boolean {
  if (!vocabulary.route.test(`${url.pathname}${url.search}`) && !pageSays(doc, vocabulary.heading)) return false;
  const root = quietListRoot(doc);
  if (!root) return false;
  const fieldOf = (header: string) => {
    const words = normalizeWords(header);
    return vocabulary.fields.find((f) => f.labels.includes(words))?.key;
  };
  return hasEmptyTable(root, (headers) => {
    const named = new Set(headers.map(fieldOf).filter((k): k is K => k !== undefined));
    return named.size >= 2 && vocabulary.required.some((k) => named.has(k));
  });
}
