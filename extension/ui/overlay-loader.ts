import { sendMessage } from '../messaging';
import { OVERLAY_UI_KEY } from './overlay-ui-key';
import type { OverlayUi } from './overlay-views';

let loading: Promise<OverlayUi> | null = null;

const loaded = () => (globalThis as Record<string, unknown>)[OVERLAY_UI_KEY] as OverlayUi | undefined;

/**
 * The overlay views, asked of the background once per page (it injects their script into this
 * frame); a failed load is asked again at the next overlay rather than remembered.
 */
export function loadOverlayUi(): Promise<OverlayUi> {
  const ui = loaded();
  if (ui) return Promise.resolve(ui);
  if (!loading) {
    const attempt = sendMessage('loadOverlayUi', undefined).then(() => {
      const injected = loaded();
      if (!injected) throw new Error('the overlay script did not load');
      return injected;
    });
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}
