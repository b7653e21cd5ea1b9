import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTER_MATCHES } from '../../../shared/markets';
import { expiryChip } from '../../features/expiry-chip';
import { runFeatures } from '../../features/feature';
import { myServicesBadges } from '../../features/my-services-badges';
import { partnerManagement } from '../../features/partner-management';
import { shopCodeCapture } from '../../features/shop-code-capture';
import { tspRequestTracking } from '../../features/tsp-request-tracking';

export default defineContentScript({
  matches: SELLER_CENTER_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // When the extension is reloaded, WXT invalidates the old script's ctx, whose features then
    // remove their overlays: the page never shows two copies.
    runFeatures(ctx, [shopCodeCapture, myServicesBadges(), tspRequestTracking(), partnerManagement(), expiryChip]);
  },
});
