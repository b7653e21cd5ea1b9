import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTER_MATCHES } from '../../../shared/markets';
import { authorizationLink } from '../../features/authorization-link';
import { expiryChip } from '../../features/expiry-chip';
import { runFeatures } from '../../features/feature';
import { myServicesBadges } from '../../features/my-services-badges';
import { partnerManagement } from '../../features/partner-management';
import { shopCodeCapture } from '../../features/shop-code-capture';
import { tspRequestTracking } from '../../features/tsp-request-tracking';

export default defineContentScript({
  matches: SELLER_CENTER_MATCHES,
  runAt: 'document_idle',
  // The announcement would tell the page this extension's id; the runner does not need it (script-life.ts).
  noScriptStartedPostMessage: true,
  main() {
    // When the extension is reloaded, the old script sees it is orphaned as the new one starts and
    // removes its overlays: the page never shows two copies, and the page itself cannot end them.
    runFeatures([shopCodeCapture, myServicesBadges(), tspRequestTracking(), partnerManagement(), expiryChip, authorizationLink]);
  },
});
