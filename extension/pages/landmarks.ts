import { normalizeText } from './dom-text';

const LANDMARKS = 'h1, h2, h3, h4, [role="heading"], [role="tab"][aria-selected="true"], [aria-current="page"], title';

/** True when a heading, the selected tab or the current navigation item says what this page is. */
export function pageSays(doc: Document, text: RegExp): boolean {
  for (const el of doc.querySelectorAll(LANDMARKS)) if (text.test(normalizeText(el.textContent))) return true;
  return false;
}
