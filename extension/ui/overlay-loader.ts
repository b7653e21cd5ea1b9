import { sendMessage } from '../messaging';
import { OVERLAY_UI_KEY } from './overlay-ui-key';
import type { OverlayUi } from './overlay-views';

let loading: Promise<OverlayUi> | null = null;
/** After a failed load, overlays shown within this time say so rather than ask again (no request per page change). */
const RETRY_AFTER_MS = 30_000;
let failedAt = Number.NEGATIVE_INFINITY;

const loaded = () => (globalThis as Record<string, unknown>)[OVERLAY_UI_KEY] as OverlayUi | undefined;

/**
 * The overlay views, asked of the background once per page (it injects their script into this
 * frame); after a failed load they are asked again at most every RETRY_AFTER_MS.
 */
export function loadOverlayUi(): Promise<OverlayUi> {
  const ui = loaded();
  if (ui) return Promise.resolve(ui);
  if (!loading) {
    if (Date.now() - failedAt < RETRY_AFTER_MS) return Promise.reject(new Error('the overlay views did not load a moment ago'));
    const attempt = sendMessage('loadOverlayUi', undefined).then(() => {
      const injected = loaded();
      if (!injected) throw new Error('the overlay script did not load');
      return injected;
    });
    loading = attempt;
    attempt.catch(() => {
      failedAt = Date.now();
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}
