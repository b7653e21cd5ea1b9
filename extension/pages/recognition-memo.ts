import { worldShared } from '../features/world-shared';

/**
 * What each document was last recognised as (page-recognition.ts), once per content-script world:
 * the seller script's runner forgets it at navigation, while the reading itself happens in the list
 * helpers injected later (entrypoints/seller-lists.ts).
 */
const memo = worldShared('recognitions', () => new WeakMap<Document, unknown>());
/** Whether the document may be a list at all (may-be-list.ts), asked before the readers are here. */
const gate = new WeakMap<Document, unknown>();

export const recognitionMemo = <T>() => memo as WeakMap<Document, T>;
export const listGateMemo = <T>() => gate as WeakMap<Document, T>;

/** Forget what the page was: the next question reads it again (a time-based recheck, a navigation). */
export function forgetRecognition(doc: Document): void {
  memo.delete(doc);
  gate.delete(doc);
}
