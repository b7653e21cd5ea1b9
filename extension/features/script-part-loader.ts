import { sendMessage } from '../messaging';
import { SCRIPT_PARTS, type ScriptPart } from '../script-parts';

/** After a failed load, a part asked again within this time fails at once (no request per page change). */
const RETRY_AFTER_MS = 30_000;

const loading = new Map<ScriptPart, Promise<unknown>>();
const failedAt = new Map<ScriptPart, number>();

/** The part's entry point, if it is already in this world (injected for this script or an earlier one). */
export function loadedPart<T>(part: ScriptPart): T | undefined {
  return (globalThis as Record<string, unknown>)[SCRIPT_PARTS[part]] as T | undefined;
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
    const started = sendMessage('loadScriptPart', { part }).then(() => {
      const injected = loadedPart<T>(part);
      if (!injected) throw new Error(`the ${part} script did not load`);
      return injected;
    });
    attempt = started;
    loading.set(part, started);
    started.catch(() => {
      failedAt.set(part, Date.now());
      if (loading.get(part) === started) loading.delete(part);
    });
  }
  return attempt;
}
