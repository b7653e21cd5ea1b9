import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Shop, ShopCapture } from '../shared/schemas';

export interface CaptureResult {
  created: boolean;
  shop: Shop;
}

/** Every message between content scripts, extension pages and the background, in one typed map. */
interface ProtocolMap {
  captureShop(capture: ShopCapture): CaptureResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
