import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { OVERLAY_UI_KEY } from '../ui/overlay-ui-key';
import { overlayUi } from '../ui/overlay-views';

/** Injected by the background into a tab's content-script world when an overlay is first shown. */
export default defineUnlistedScript(() => {
  Object.assign(globalThis, { [OVERLAY_UI_KEY]: overlayUi });
});
