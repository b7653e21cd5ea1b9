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

/** Why a list that says it holds nothing marks nothing by itself: a failed load looks the same. */
export const EMPTY_UNCONFIRMED = 'it shows none, which a failed load also shows';

/** Why a whole list that was still settling when the page was left is kept as a partial one. */
export const LEFT_BEFORE_SETTLED = 'the page was left before the list settled';

/**
 * The list as it is applied: whole only once it settled; a whole list the page left before then is
 * kept as a partial one (its rows are saved, nothing is marked gone).
 */
export function asApplied(completeness: Completeness, settled: boolean): Completeness {
  return settled || !completeness.complete ? completeness : { complete: false, why: LEFT_BEFORE_SETTLED };
}

/**
 * One list read waiting to be applied: a whole list after WHOLE_LIST_SETTLE_MS, a partial one after
 * `partialDelayMs`. A newer read replaces the one waiting; `cancel` drops it (the list went, or a
 * batch of ours is changing it); `leave` applies what waits at once, as unsettled. `apply` is told
 * whether the list settled; its failures are its own to show, never thrown into the page.
 */
export function settledApply(partialDelayMs: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: ((settled: boolean) => Promise<unknown>) | null = null;
  const run = (apply: (settled: boolean) => Promise<unknown>, settled: boolean) => void apply(settled).catch(() => {});
  return {
    schedule(complete: boolean, apply: (settled: boolean) => Promise<unknown>): void {
      clearTimeout(timer);
      waiting = apply;
      timer = setTimeout(
        () => {
          waiting = null;
          run(apply, true);
        },
        complete ? WHOLE_LIST_SETTLE_MS : partialDelayMs,
      );
    },
    /** Whether a read is waiting. */
    get waiting(): boolean {
      return waiting !== null;
    },
    cancel(): void {
      clearTimeout(timer);
      waiting = null;
    },
    leave(): void {
      clearTimeout(timer);
      const apply = waiting;
      waiting = null;
      if (apply) run(apply, false);
    },
  };
}
