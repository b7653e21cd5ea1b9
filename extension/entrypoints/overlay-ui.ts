import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { SCRIPT_PARTS } from '../script-parts';
import { overlayUi } from '../ui/overlay-views';

/** Injected by the background into a tab's content-script world when an overlay is first shown. */
export default defineUnlistedScript(() => {
  Object.assign(globalThis, { [SCRIPT_PARTS['overlay-ui']]: overlayUi });
});
