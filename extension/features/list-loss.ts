import type { Completeness } from '../pages/list-completeness';
import type { PanelLine } from '../ui/HelperPanel';

/**
 * How long a whole list must stay as read before it can mark anything lost. Some pages draw a
 * list in two steps with nothing on screen to say more is coming (no pager, no spinner): the
 * rows of the second step must arrive before the first is judged, or they would be "lost" and
 * "listed again" a moment later, with a notification in between.
 */
export const WHOLE_LIST_SETTLE_MS = 1500;

/** The completeness of a list as its message carries it. */
export function wholeness(completeness: Completeness): { complete: boolean; incompleteWhy?: string } {
  return completeness.complete ? { complete: true } : { complete: false, incompleteWhy: completeness.why };
}

/**
 * What the panel says about records gone from the list: which went, or, when the list is not
 * whole, that nothing was judged and why (never silence, never a guess).
 */
export function lossLines(completeness: Completeness, gone: readonly string[], heading: string): PanelLine[] {
  if (!completeness.complete) {
    return [{ text: `Not every record is shown (${completeness.why}): nothing is marked gone until the whole list is seen.` }];
  }
  return gone.length > 0 ? [{ text: `${heading}: ${gone.join(', ')}.`, tone: 'warn' }] : [];
}
