import { db } from '../db/database';
import { recordShopCapture } from '../db/shops';
import { onMessage } from '../messaging';

export default defineBackground(() => {
  // The MV3 worker can be stopped at any moment: every handler reads and writes Dexie, never memory.
  onMessage('captureShop', ({ data }) => recordShopCapture(db, data));
});
