import { worldShared } from '../features/world-shared';
import { normalizeText } from './dom-text';

const LANDMARKS = 'h1, h2, h3, h4, [role="heading"], [role="tab"][aria-selected="true"], [aria-current="page"], title';

/**
 * Several helpers ask what a page calls itself after every DOM batch; the walk over the document is
 * the costly part, so its result is reused until the document changes again.
 */
const memos = worldShared('batchMemos', () => new WeakMap<Document, Map<string, unknown>>());

/** A walk over the document, done once per batch of page changes however many helpers ask. */
export function memoForBatch<T>(doc: Document, key: string, compute: () => T): T {
  let memo = memos.get(doc);
  if (!memo) {
    memo = new Map();
    memos.set(doc, memo);
  }
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/** Called for every batch of page mutations: the next question walks the document again. */
export function documentChanged(doc: Document): void {
  memos.get(doc)?.clear();
}

function landmarkTexts(doc: Document): string[] {
  return memoForBatch(doc, 'landmarks', () => [...doc.querySelectorAll(LANDMARKS)].map((el) => normalizeText(el.textContent)));
}

/** True when a heading, the selected tab or the current navigation item says what this page is. */
export function pageSays(doc: Document, text: RegExp): boolean {
  return landmarkTexts(doc).some((t) => text.test(t));
}
