import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** This content script outlived the extension that injected it (reloaded, updated or removed). */
export function orphaned(): boolean {
  try {
    return browser.runtime?.id == null;
  } catch {
    return true;
  }
}

/**
 * How long this content script's helpers live: until the extension that injected it is gone,
 * which is the only time a new instance of it starts. WXT ends a context when a DOM event
 * announces a new instance, and a page's own script can dispatch that event; here the
 * announcement only prompts the check, so the page's word switches nothing off.
 */
export function scriptLife(): AbortSignal {
  const life = new AbortController();
  const check = () => {
    if (orphaned()) life.abort();
  };
  // The event WXT's new instance dispatches (its name is private to WXT's types, not to its code).
  const started = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  document.addEventListener(started, check, { signal: life.signal });
  return life.signal;
}

/**
 * Calls `onChange` after each same-document navigation (Navigation API where there is one, else a
 * check a second), for as long as `signal` lives. WXT's own watcher ends with its context, which
 * a page can end (see scriptLife).
 */
export function watchLocation(signal: AbortSignal, onChange: () => void): void {
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  // `navigate` fires before the new URL is committed: look after it.
  if (navigation?.addEventListener) navigation.addEventListener('navigate', () => setTimeout(onChange, 0), { signal });
  else {
    let last = location.href;
    const timer = setInterval(() => {
      if (location.href === last) return;
      last = location.href;
      onChange();
    }, 1000);
    signal.addEventListener('abort', () => clearInterval(timer));
  }
  window.addEventListener('popstate', onChange, { signal });
}
