import { sendMessage } from '../messaging';
import { type ScriptPart, scriptPartKey } from '../script-parts';
import { worldShared } from './world-shared';

/** After a failed load, a part asked again within this time fails at once (no request per page change). */
export const RETRY_AFTER_MS = 30_000;
/** A load that has not ended by then has failed (a service worker that never answers, say). */
const LOAD_TIMEOUT_MS = 10_000;

// One per world: the seller script and the list helpers (separate bundles) ask for the same views.
const loading = worldShared('partsLoading', () => new Map<ScriptPart, Promise<unknown>>());
const failedAt = worldShared('partsFailedAt', () => new Map<ScriptPart, number>());

/** The part's entry point, if it is already in this world (injected for this script or an earlier one). */
export function loadedPart<T>(part: ScriptPart): T | undefined {
  return (globalThis as unknown as Record<symbol, unknown>)[scriptPartKey(part)] as T | undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, why: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(why)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * A part's entry point, asked of the background once per page (it injects the part's script into
 * this frame); after a failed load it is asked again at most every RETRY_AFTER_MS.
 */
export function loadScriptPart<T>(part: ScriptPart): Promise<T> {
  const here = loadedPart<T>(part);
  if (here) return Promise.resolve(here);
  let attempt = loading.get(part) as Promise<T> | undefined;
  if (!attempt) {
    if (Date.now() - (failedAt.get(part) ?? Number.NEGATIVE_INFINITY) < RETRY_AFTER_MS)
      return Promise.reject(new Error(`the ${part} script did not load a moment ago`));
    const asked = sendMessage('loadScriptPart', { part }).then(() => {
      const injected = loadedPart<T>(part);
      if (!injected) throw new Error(`the ${part} script did not load`);
      return injected;
    });
    const started = withTimeout(asked, LOAD_TIMEOUT_MS, `the ${part} script did not load within 10 s`);
    attempt = started;
    loading.set(part, started);
    started.catch(() => {
      failedAt.set(part, Date.now());
      if (loading.get(part) === started) loading.delete(part);
    });
  }
  return attempt;
}
