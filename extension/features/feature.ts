import { type HelperReport, sendMessage } from '../messaging';
import { forgetRecognition } from '../pages/recognition-memo';
import { onTabMessage } from '../tab-messaging';
import { ShadowOverlay } from '../ui/shadow-host';
import { orphaned, scriptLife, watchLocation } from './script-life';
import { type PageBatch, type PageWatch, watchPage } from './watch-page';

/** How long a page that looks like a helper's may take to render what the helper reads, before it says so. */
export const GRACE_MS = 4000;

/** Whether a helper's page is open: its content matches, only its route or heading does, or not at all. */
export type PageMatch = { state: 'match' } | { state: 'maybe'; tried: string[] } | { state: 'no'; why: string };

/** One page helper: the runner starts it when its page matches and aborts it when the page stops matching. */
export interface Feature {
  id: string;
  /** The hosts it may run on: a cheap test, before the page is read. */
  hosts(url: URL): boolean;
  /** Evaluated on every coalesced batch of page changes; must be cheap or memoised per batch. */
  include(url: URL, doc: Document, batch: PageBatch): PageMatch;
  /** What the "helper unavailable here" notice says when the page looks like this helper's but does not match. */
  unavailable: { overlay: string; title: string; detail: string };
  /** Outline of the page for a bug report, with every value masked. */
  outline?(doc: Document): string;
  init(run: FeatureRun): void;
}

export interface FeatureRun {
  /** Aborted when the page stops matching, at in-app navigation, and when the extension is reloaded or removed. */
  signal: AbortSignal;
  document: Document;
  url(): URL;
  /** Tells the diagnostics view what this helper found here; repeated reports replace earlier ones. */
  report(state: HelperReport['state'], detail?: string[]): void;
}

/** Messages from a content script whose extension was reloaded fail; that must never reach the page. */
function quietly(promise: Promise<unknown>): void {
  promise.catch(() => {});
}

interface Running {
  feature: Feature;
  controller: AbortController | null;
  /** Since when the page has looked like this helper's without matching. */
  since: number | null;
  notice: ShadowOverlay | null;
  dismissedAt: string | null;
  lastReport: string;
}

/**
 * Runs the page helpers of one content script. On every batch of page changes it asks each helper
 * whether its page is open, starts it with a fresh signal, aborts it when the page stops matching or
 * the user navigates, and owns the waiting and "helper unavailable here" states for all of them.
 * A helper that throws is logged under its own name and never breaks the page or the others.
 */
export function runFeatures(features: readonly Feature[]): { recheck(): void } {
  const life = new AbortController();
  const lifetime = scriptLife();
  lifetime.addEventListener('abort', () => life.abort());
  const states: Running[] = features.map((feature) => ({
    feature,
    controller: null,
    since: null,
    notice: null,
    dismissedAt: null,
    lastReport: '',
  }));
  let href = '';
  let watchRef: PageWatch | null = null;

  const report = (state: Running, kind: HelperReport['state'], detail: string[]) => {
    const key = `${kind}|${detail.join('|')}|${location.href}`;
    if (key === state.lastReport || life.signal.aborted) return;
    state.lastReport = key;
    quietly(sendMessage('reportHelper', { helper: state.feature.id, state: kind, detail, url: location.href }));
  };
  const stop = (state: Running) => {
    state.controller?.abort();
    state.controller = null;
  };
  const hideNotice = (state: Running) => {
    state.notice?.remove();
  };
  const start = (state: Running) => {
    const controller = new AbortController();
    state.controller = controller;
    const run: FeatureRun = {
      signal: controller.signal,
      document,
      url: () => new URL(location.href),
      report: (kind, detail = []) => {
        if (!controller.signal.aborted) report(state, kind, detail);
      },
    };
    try {
      state.feature.init(run);
    } catch (error) {
      report(state, 'unavailable', [`failed to start: ${String(error)}`]);
      console.warn(`[Shop Access Companion] helper "${state.feature.id}" failed`, error);
    }
  };
  const showNotice = (state: Running, tried: string[]) => {
    if (state.dismissedAt === location.href) return;
    const { overlay, title, detail } = state.feature.unavailable;
    state.notice ??= new ShadowOverlay(overlay, 'display: block;');
    const notice = state.notice;
    notice.placeFloating(document);
    void notice.show('HelperUnavailable', {
      title,
      detail,
      tried,
      root: notice.root,
      outline: state.feature.outline ? () => state.feature.outline?.(document) ?? '' : undefined,
      onDismiss: () => {
        state.dismissedAt = location.href;
        notice.remove();
      },
    });
  };

  const check = (watch: PageWatch) => {
    watchRef = watch;
    if (orphaned()) return life.abort();
    if (location.href !== href) {
      // In-app navigation: every helper starts over on the new page, with a fresh signal.
      href = location.href;
      forgetRecognition(document);
      for (const state of states) {
        stop(state);
        state.since = null;
      }
      quietly(sendMessage('pageStarted', { url: href }));
    }
    const url = new URL(href);
    for (const state of states) {
      if (!state.feature.hosts(url)) continue;
      let match: PageMatch;
      try {
        match = state.feature.include(url, document, watch.batch);
      } catch (error) {
        match = { state: 'maybe', tried: [`could not read the page: ${String(error)}`] };
      }
      if (match.state === 'match') {
        state.since = null;
        hideNotice(state);
        if (!state.controller) start(state);
        continue;
      }
      stop(state);
      if (match.state === 'no') {
        state.since = null;
        hideNotice(state);
        report(state, 'waiting', [match.why]);
        continue;
      }
      state.since ??= Date.now();
      const waited = Date.now() - state.since;
      if (waited < GRACE_MS) {
        report(state, 'waiting', match.tried);
        watch.recheckIn(GRACE_MS - waited + 10);
      } else {
        report(state, 'unavailable', match.tried);
        showNotice(state, match.tried);
      }
    }
  };

  life.signal.addEventListener('abort', () => {
    for (const state of states) {
      stop(state);
      hideNotice(state);
    }
  });
  // Diagnostics asks the tab for its outline: the first helper that can describe this page answers.
  const outliner = features.find((f) => f.outline);
  if (outliner?.outline) {
    const outline = outliner.outline;
    const stopListening = onTabMessage('pageOutline', () => outline(document));
    life.signal.addEventListener('abort', stopListening);
  }
  // A navigation that changes no DOM (the same view, another query) must still be seen.
  watchLocation(life.signal, () => watchRef?.recheckIn(0));
  watchPage(document, life.signal, check);
  // For what arrives later than the page's changes: a helper's code injected after the first check.
  return { recheck: () => watchRef?.recheckIn(0) };
}
