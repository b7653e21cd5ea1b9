import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { type HelperReport, sendMessage } from '../messaging';

/** One page helper. `init` runs on every page (and every in-app navigation) that `include` accepts. */
export interface Feature {
  id: string;
  include(url: URL): boolean;
  init(run: FeatureRun): void;
}

export interface FeatureRun {
  /** Aborted at the next in-app navigation and when the extension is reloaded or removed. */
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

/**
 * Runs each feature for the current URL, and again with a fresh signal after every in-app
 * navigation. A feature that throws is logged under its own name and never breaks the page or the
 * other features.
 */
export function runFeatures(ctx: ContentScriptContext, features: readonly Feature[]): void {
  let current: AbortController | undefined;
  const start = () => {
    current?.abort();
    if (ctx.isInvalid) return;
    const controller = new AbortController();
    current = controller;
    const url = () => new URL(location.href);
    quietly(sendMessage('pageStarted', { url: location.href }));
    for (const feature of features) {
      const last = { key: '' };
      const report: FeatureRun['report'] = (state, detail = []) => {
        const key = `${state}|${detail.join('|')}`;
        if (key === last.key || controller.signal.aborted) return;
        last.key = key;
        quietly(sendMessage('reportHelper', { helper: feature.id, state, detail, url: location.href }));
      };
      try {
        if (feature.include(url())) feature.init({ signal: controller.signal, document, url, report });
      } catch (error) {
        report('unavailable', [`failed to start: ${String(error)}`]);
        console.warn(`[Shop Access Companion] helper "${feature.id}" failed`, error);
      }
    }
  };
  ctx.onInvalidated(() => current?.abort());
  ctx.addEventListener(window, 'wxt:locationchange', start);
  start();
}
