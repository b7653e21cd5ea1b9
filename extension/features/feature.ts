import type { ContentScriptContext } from 'wxt/utils/content-script-context';

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
    for (const feature of features) {
      try {
        if (feature.include(url())) feature.init({ signal: controller.signal, document, url });
      } catch (error) {
        console.warn(`[Shop Access Companion] helper "${feature.id}" failed`, error);
      }
    }
  };
  ctx.onInvalidated(() => current?.abort());
  ctx.addEventListener(window, 'wxt:locationchange', start);
  start();
}
