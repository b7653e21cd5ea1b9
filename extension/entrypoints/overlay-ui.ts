import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { providePart } from '../script-parts';
import { overlayUi } from '../ui/overlay-views';

/** Injected by the background into a tab's content-script world when an overlay is first shown. */
export default defineUnlistedScript(() => {
  providePart('overlay-ui', overlayUi);
});
