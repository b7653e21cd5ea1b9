import { documentChanged } from '../pages/landmarks';
import { recordCheck } from './check-timings';
import { worldShared } from './world-shared';

/** What changed in the DOM since a check last ran. */
export interface PageBatch {
  /** True when the check must look at everything: its first run, or a recheck that no mutation caused. */
  readonly full: boolean;
  /** Whether anything inside `el` (a row, a card) changed in this batch. */
  touched(el: Element): boolean;
  /** Whether every change of this batch was inside `el`: then what lies outside it still stands. */
  onlyWithin(el: Element): boolean;
}

export interface PageWatch {
  /** Asks for one more check after `ms`, for states that change with time rather than with the DOM. */
  recheckIn(ms: number): void;
  batch: PageBatch;
}

type Check = (watch: PageWatch) => void;

/** A page quiet for this long is checked in the same task as its change: badges come with the rows, one layout. */
const QUIET_MS = 100;
/** A page that keeps changing is checked when it pauses, and at least this often. */
const BUSY_MAX_WAIT_MS = 300;
/** Up to this many added nodes is an update of a few rows, checked at once even on a busy page. */
const SMALL_UPDATE = 50;
const TABLE = 'table, [role="table"], [role="grid"], [role="treegrid"]';
const OWN = new Set(['SAC-BADGE', 'SAC-OVERLAY']);
const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };

/**
 * Our own overlays being added are not page changes, or every badge would trigger a check of its
 * row. A removal is always a page change: the page may have dropped our badge while re-rendering.
 */
function isOwnMutation(record: MutationRecord): boolean {
  if (record.type !== 'childList' || record.removedNodes.length > 0 || record.addedNodes.length === 0) return false;
  const added = record.addedNodes;
  for (let i = 0; i < added.length; i++) if (!OWN.has((added[i] as Node).nodeName)) return false;
  return true;
}

/**
 * One MutationObserver per document for every helper: a batch of DOM changes (all that a re-render
 * storm does within 50 ms) costs one pass over the helpers' checks, timed as one batch, and tells each
 * check which rows changed so a 500-row table is not re-read for a 5-row update.
 */
class SharedWatcher {
  private readonly checks = new Map<Check, PageWatch>();
  private readonly observer = new MutationObserver((records) => this.collect(records));
  private pending: { cancel(): void } | undefined;
  private targets = new Set<Element>();
  private fullPass = false;
  /** Whether anything outside a table changed: only then can what the page calls itself have changed. */
  private outsideTables = false;

  constructor(private readonly doc: Document) {}

  add(check: Check, watch: PageWatch): void {
    if (this.checks.size === 0)
      this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.checks.set(check, watch);
  }

  remove(check: Check): void {
    this.checks.delete(check);
    if (this.checks.size > 0) return;
    this.observer.disconnect();
    this.pending?.cancel();
    this.pending = undefined;
  }

  /** Nodes the page added since the last check: a few rows is an update, hundreds a whole re-render. */
  private added = 0;

  private collect(records: MutationRecord[]): void {
    let relevant = false;
    for (const record of records) {
      if (isOwnMutation(record)) continue;
      relevant = true;
      this.added += record.addedNodes.length;
      const target = record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : record.target.parentElement;
      if (!target) continue;
      this.targets.add(target);
      if (!target.closest(TABLE)) this.outsideTables = true;
    }
    // What the page calls itself may have changed: forget it now, not at the next batch, so a check
    // that runs before then (a helper starting after in-app navigation) reads it afresh.
    if (this.outsideTables) documentChanged(this.doc);
    if (!relevant) return;
    generations.set(this.doc, domGeneration(this.doc) + 1);
    const quiet = performance.now() - this.lastRun > QUIET_MS;
    if (quiet || this.added <= SMALL_UPDATE) {
      this.pending?.cancel();
      this.runAll();
    } else this.whenIdle();
  }

  /**
   * A small update, or the first change after a quiet spell, is checked at once, inside the page's
   * own task (this callback runs as a microtask after it), so the browser lays the rows out once,
   * with their badges. A page that keeps re-rendering whole lists is checked when it pauses (at most
   * 300 ms later): redoing 500 badges every frame of such a storm would double the page's own work
   * for badges nobody can read while they flicker.
   */
  private whenIdle(): void {
    if (this.pending !== undefined || this.checks.size === 0) return;
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }).requestIdleCallback;
    if (idle) {
      const id = idle(() => this.runAll(), { timeout: BUSY_MAX_WAIT_MS });
      this.pending = { cancel: () => (globalThis as { cancelIdleCallback?: (id: number) => void }).cancelIdleCallback?.(id) };
    } else {
      const id = setTimeout(() => this.runAll(), QUIET_MS);
      this.pending = { cancel: () => clearTimeout(id) };
    }
  }

  /** A check that no mutation caused (a timer, a navigation): on its own task, soon. */
  schedule(full: boolean): void {
    this.fullPass ||= full;
    if (this.pending !== undefined || this.checks.size === 0) return;
    const id = setTimeout(() => this.runAll(), 0);
    this.pending = { cancel: () => clearTimeout(id) };
  }

  private lastRun = Number.NEGATIVE_INFINITY;

  private runAll(): void {
    this.pending = undefined;
    this.added = 0;
    this.lastRun = performance.now();
    const batch: PageBatch = this.fullPass ? FULL : batchOf(this.targets);
    this.targets = new Set();
    this.fullPass = false;
    this.outsideTables = false;
    const started = performance.now();
    for (const [check, watch] of [...this.checks]) runCheck(check, { ...watch, batch });
    recordCheck(performance.now() - started);
  }
}

/**
 * A batch over the elements its mutations happened in. "Touched" asks about an element and its
 * subtree, so every target's ancestors are marked once, on the first question.
 */
function batchOf(targets: ReadonlySet<Element>): PageBatch {
  let marked: Set<Element> | null = null;
  return {
    full: false,
    touched(el) {
      if (!marked) {
        marked = new Set();
        for (const target of targets) {
          for (let node: Element | null = target; node && !marked.has(node); node = node.parentElement) marked.add(node);
        }
      }
      return marked.has(el);
    },
    onlyWithin(el) {
      for (const target of targets) if (!el.contains(target)) return false;
      return true;
    },
  };
}

function runCheck(check: Check, watch: PageWatch): void {
  try {
    check(watch);
  } catch (error) {
    console.warn('[Shop Access Companion] page check failed', error);
  }
}

// Once per world: the list helpers injected later watch through the same observer and count.
const watchers = worldShared('watchers', () => new WeakMap<Document, SharedWatcher>());
const generations = worldShared('generations', () => new WeakMap<Document, number>());

/** Counts the page's own changes: what was read at one count still holds while the count is the same. */
export function domGeneration(doc: Document): number {
  return generations.get(doc) ?? 0;
}

/**
 * Calls `check` now, then after every batch of DOM changes and whenever it asks for a recheck,
 * until `signal` aborts. Checks must be idempotent: they run for other helpers' rechecks too.
 */
export function watchPage(doc: Document, signal: AbortSignal, check: Check): void {
  if (signal.aborted) return;
  let shared = watchers.get(doc);
  if (!shared) {
    shared = new SharedWatcher(doc);
    watchers.set(doc, shared);
  }
  const watcher = shared;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const watch: PageWatch = {
    batch: FULL,
    recheckIn(ms) {
      const t = setTimeout(() => {
        timers.delete(t);
        watcher.schedule(true);
      }, ms);
      timers.add(t);
    },
  };
  watcher.add(check, watch);
  signal.addEventListener('abort', () => {
    watcher.remove(check);
    for (const t of timers) clearTimeout(t);
  });
  runCheck(check, watch);
}
