export interface PageWatch {
  /** Asks for one more check after `ms`, for states that change with time rather than with the DOM. */
  recheckIn(ms: number): void;
}

/**
 * Calls `check` now, after DOM changes (coalesced, so a re-render storm costs one check per
 * `delayMs`), and whenever it asks for a recheck; stops when `signal` aborts.
 */
export function watchPage(doc: Document, signal: AbortSignal, check: (watch: PageWatch) => void, delayMs = 50): void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    pending = undefined;
    if (signal.aborted) return;
    try {
      check(watch);
    } catch (error) {
      console.warn('[Shop Access Companion] page check failed', error);
    }
  };
  const schedule = () => {
    if (pending === undefined && !signal.aborted) pending = setTimeout(run, delayMs);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (pending !== undefined) clearTimeout(pending);
    for (const t of timers) clearTimeout(t);
  });
  const watch: PageWatch = {
    recheckIn(ms) {
      const t = setTimeout(() => {
        timers.delete(t);
        schedule();
      }, ms);
      timers.add(t);
    },
  };
  run();
}
