import { normalizeWords } from '../../shared/page-words';
import { normalizeText } from './dom-text';
import { pageHinted } from './vocabulary/list-hints';
import type { PageVocabulary } from './vocabulary/vocabulary';

/** Words a class says itself (not a hashed name): a page still drawing, or a message about a failure. */
const BUSY_CLASS = /(^|[\s_-])(spin|spinner|skeleton|loading|placeholder)([\s_-]|$)/i;

/** What an empty list says in its one cell; never "No results" (a search found nothing: the list is not whole). */
const EMPTY_WORDS =
  /^(no data|no records?|nothing here( yet)?|empty|no (services?|partners?|requests?|authori[sz]ations?|business centers?|shops?)( yet| to show)?)\.?$/i;
/** A selected tab or option that still shows everything. */
const ALL = /^(all|all (services|requests|partners|statuses|status|business centers))\b/i;

/** The part of the page where the list would be; null while it is loading or says something failed. */
export function quietListRoot(doc: Document): Element | null {
  const root = doc.querySelector('main, [role="main"]') ?? doc.body;
  if (!root || !doc.body) return null;
  // Anywhere on the page: a failure toast or a spinner is often drawn outside the main region.
  if (doc.body.querySelector('[role="alert"], [aria-busy="true"], [role="progressbar"]')) return null;
  if ([...doc.body.querySelectorAll('[class]')].some((el) => BUSY_CLASS.test(el.getAttribute('class') ?? ''))) return null;
  return root;
}

/**
 * Something narrows what the list shows: a tab other than this page's own or "All" is selected, a
 * field holds a value (a search box, whatever its placeholder says), or a select or combobox shows
 * a choice other than "All". An empty list under any of them is empty only for that choice.
 */
function narrowed(root: Element, heading: RegExp): boolean {
  const tabs = [...root.ownerDocument.querySelectorAll('[role="tab"][aria-selected="true"]')].map((t) =>
    normalizeText(t.textContent),
  );
  if (tabs.some((t) => !heading.test(t) && !ALL.test(t))) return true;
  for (const input of root.querySelectorAll<HTMLInputElement>('input, textarea')) {
    if (['hidden', 'checkbox', 'radio', 'button', 'submit', 'file'].includes(input.type)) continue;
    if (input.value.trim() !== '') return true;
  }
  for (const select of root.querySelectorAll<HTMLSelectElement>('select')) {
    const chosen = normalizeText(select.selectedOptions[0]?.textContent);
    if (chosen !== '' && !ALL.test(chosen)) return true;
  }
  return [...root.querySelectorAll('[role="combobox"]')].some((box) => {
    const shown = normalizeText(box.textContent);
    return shown !== '' && !ALL.test(shown) && box.getAttribute('aria-expanded') !== null;
  });
}

/** The texts a table shows in its body: its data cells, or, for a header-only table (a fixed header), what follows it. */
function bodyTexts(table: Element): string[] {
  const cells = [...table.querySelectorAll('td, [role="cell"], [role="gridcell"]')].map((c) => normalizeText(c.textContent));
  if (cells.length > 0 || table.querySelector('tbody tr, [role="row"] ~ [role="row"]')) return cells.filter(Boolean);
  // A fixed header (Arco, Ant) is a table of its own above a body table or an empty-state block:
  // the body is what the table's wrapper holds after the header, up to two levels out.
  for (let wrapper = table.parentElement, level = 0; wrapper && level < 3; wrapper = wrapper.parentElement, level++) {
    const texts: string[] = [];
    const walker = wrapper.ownerDocument.createTreeWalker(wrapper, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (table.contains(node) || !(table.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      const text = normalizeText(node.textContent);
      if (text) texts.push(text);
    }
    if (texts.length > 0) return texts;
  }
  return [];
}

/** Whether a table under `root` has headers `isHeader` accepts and holds nothing but an empty-state text. */
export function hasEmptyTable(root: Element, isHeader: (headers: string[]) => boolean): boolean {
  return [...root.querySelectorAll('table, [role="table"], [role="grid"]')].some((table) => {
    const headers = [...table.querySelectorAll('th, [role="columnheader"]')].map((h) => normalizeText(h.textContent));
    if (!isHeader(headers)) return false;
    const cells = bodyTexts(table);
    return cells.length === 1 && EMPTY_WORDS.test(cells[0] as string);
  });
}

/** A header's words without a trailing note in brackets: "Expiry date (UTC+8)" names the expiry date. */
const headerWords = (header: string) => normalizeWords(header.replace(/\s*[([][^)\]]*[)\]]\s*$/, ''));

/**
 * A Seller Center list page showing no records at all: the route or a heading says which page this
 * is, a table whose headers name every field each record must carry holds only "No data" (or the
 * like), nothing loading or failing anywhere on the page, and nothing narrowing the list (a status
 * tab, a search, a filter). Even then a failed load can look just like this, so the helper asks the
 * person before it marks the last records gone (list-page-helper.ts).
 */
export function isEmptyListPage<K extends string>(url: URL, doc: Document, vocabulary: PageVocabulary<K>): boolean {
  if (!pageHinted(vocabulary, url, doc)) return false;
  const root = quietListRoot(doc);
  if (!root || narrowed(root, vocabulary.heading)) return false;
  const fieldOf = (header: string) => {
    const words = headerWords(header);
    return vocabulary.fields.find((f) => f.labels.includes(words))?.key;
  };
  return hasEmptyTable(root, (headers) => {
    const named = new Set(headers.map(fieldOf).filter((k): k is K => k !== undefined));
    return vocabulary.required.every((k) => named.has(k));
  });
}
