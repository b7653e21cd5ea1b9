import { defineContentScript } from 'wxt/utils/define-content-script';
import { SELLER_CENTER_MATCHES } from '../../../shared/markets';
import { runFeatures } from '../../features/feature';
import { shopCodeCapture } from '../../features/shop-code-capture';

export default defineContentScript({
  matches: SELLER_CENTER_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // When the extension is reloaded, WXT invalidates the old script's ctx, whose features then
    // remove their overlays: the page never shows two copies.
    runFeatures(ctx, [shopCodeCapture]);
  },
});
