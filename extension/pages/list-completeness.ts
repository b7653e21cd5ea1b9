import { normalizeText } from './dom-text';

/**
 * Whether a list shows every record it has. Only a complete list may tell that something is gone:
 * a record missing from page 1 of 3, from a filtered view, from a list still loading or one that
 * draws only the rows in view, has not gone anywhere.
 */
export type Completeness = { complete: true } | { complete: false; why: string };

const NEXT = /^(next|next page|\u203a|\u00bb|>|\u2192)$/i;
const MORE = /^(show|load|view|see) (more|all)\b/i;
const CLEAR_FILTERS = /^(clear|reset)( all)?( filters?| search)?$/i;
const LOADING = /^(loading|loading\.\.\.|loading\u2026)$/i;
const RANGE = /\b\d+\s*[-\u2013]\s*(\d+)\s+(?:of|\/)\s+(\d[\d,]*)\b/i;
const TOTAL =
  /\b(?:total|showing|results?|items?|records?)\b\D{0,12}?(\d[\d,]*)|(\d[\d,]*)\s+(?:results?|items?|records?|in total)\b/i;

function disabled(el: Element): boolean {
  return (
    el.hasAttribute('disabled') ||
    el.getAttribute('aria-disabled') === 'true' ||
    /\bdisabled\b/i.test(el.getAttribute('class') ?? '')
  );
}

const nameOf = (el: Element) => normalizeText(el.getAttribute('aria-label') || el.textContent);
const asNumber = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));
const IGNORED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SAC-OVERLAY', 'SAC-BADGE']);
const CONTROL = /^(BUTTON|A)$/;

/** What one element says about the list, or null. */
function judge(el: Element, shown: number): string | null {
  const role = el.getAttribute('role') ?? '';
  const interactive = CONTROL.test(el.tagName) || role === 'button' || role === 'link' || role === 'tab';
  // A list item speaks for itself only when no button or link inside it does.
  const item = el.tagName === 'LI' && !el.querySelector('button, a, [role="button"], [role="link"]');
  if ((interactive || item) && !disabled(el)) {
    const name = nameOf(el);
    if (name && name.length <= 40) {
      if (MORE.test(name)) return `the list offers "${name}"`;
      if (NEXT.test(name) && el.closest('[role="navigation"], nav, ul, ol, [aria-label*="pag" i]'))
        return 'the list has a next page';
      if (CLEAR_FILTERS.test(name)) return `a filter or search is applied ("${name}")`;
    }
  }
  if (el.getAttribute('aria-current') === 'page') {
    const page = nameOf(el);
    if (/^\d+$/.test(page) && page !== '1') return `this is page ${page} of the list`;
  }
  if (el.tagName === 'INPUT' || role === 'searchbox') {
    const input = el as HTMLInputElement;
    const searchy = input.type === 'search' || /search|filter|find/i.test(input.placeholder ?? '') || role === 'searchbox';
    const value = (input.value ?? '').trim();
    if (searchy && value !== '') return `the list is searched for "${value}"`;
  }
  if (el.getAttribute('aria-busy') === 'true') return 'the list is still loading';
  if (role === 'progressbar' && el.getAttribute('aria-valuenow') !== '100') return 'the list is still loading';
  const rows = Number(el.getAttribute('aria-rowcount'));
  // The header row counts in aria-rowcount.
  if (rows > 0 && rows - 1 > shown) return `the grid says it has ${rows - 1} rows, ${shown} are drawn`;
  if (el.children.length === 0 && /^(DIV|SPAN|P|LI|TD|LABEL)$/.test(el.tagName)) {
    const text = normalizeText(el.textContent);
    if (text.length === 0 || text.length > 60) return null;
    if (LOADING.test(text)) return 'the list is still loading';
    const range = RANGE.exec(text);
    if (range && asNumber(range[2]) > shown) return `the page says "${text}"`;
    const total = text.length <= 40 ? TOTAL.exec(text) : null;
    if (total && asNumber(total[1] ?? total[2]) > shown) return `the page says "${text}"`;
  }
  return null;
}

/**
 * Reads what the page says about the list around `records`: a pager with a page after this one or
 * a page other than the first shown, a Show more, a search or filter applied, a loading state, rows
 * drawn only in view, or a total larger than the rows read. Anything of that: not complete. One
 * pass over the page outside the records (a 500-row list costs what its pager and filters cost).
 */
export function listCompleteness(doc: Document, records: readonly Element[]): Completeness {
  const shown = records.length;
  const skip = new Set<Element>(records);
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => {
      const el = node as Element;
      if (skip.has(el) || IGNORED.has(el.tagName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') {
        return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const why = judge(node as Element, shown);
    if (why) return { complete: false, why };
  }
  const style = (r: Element) => r.getAttribute('style') ?? '';
  if (shown >= 2 && records.every((r) => /position:\s*absolute/i.test(style(r)) && /\btop:/i.test(style(r)))) {
    return { complete: false, why: 'the list draws only the rows in view' };
  }
  return { complete: true };
}
