import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTER_MATCHES } from '../../../shared/markets';
import { authorizationLink } from '../../features/authorization-link';
import { expiryChip } from '../../features/expiry-chip';
import { runFeatures } from '../../features/feature';
import { lazyListHelpers, whenListHelpersLoad } from '../../features/lazy-list-helpers';
import { shopCodeCapture } from '../../features/shop-code-capture';

export default defineContentScript({
  matches: SELLER_CENTER_MATCHES,
  runAt: 'document_idle',
  // The announcement would tell the page this extension's id; the runner does not need it (script-life.ts).
  noScriptStartedPostMessage: true,
  main() {
    // When the extension is reloaded, the old script sees it is orphaned as the new one starts and
    // removes its overlays: the page never shows two copies, and the page itself cannot end them.
    // The list helpers (My Services, My request, Partner Management) and their readers are injected
    // only where a page may be a list (entrypoints/seller-lists.ts): most pages are not.
    const runner = runFeatures([shopCodeCapture, ...lazyListHelpers(), expiryChip, authorizationLink]);
    whenListHelpersLoad(runner.recheck);
  },
});
