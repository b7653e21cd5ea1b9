import Dexie, { type EntityTable } from 'dexie';
import type { Shop } from '../../shared/schemas';

/**
 * The extension's own IndexedDB, on the extension's origin. Content scripts never open it (there it
 * would belong to the TikTok page's origin); they reach it through the background by message.
 */
export class CompanionDb extends Dexie {
  shops!: EntityTable<Shop, 'shopCode'>;

  constructor(name = 'shop-access-companion') {
    super(name);
    this.version(1).stores({ shops: 'shopCode, lastSeenAt, region' });
  }
}

export const db = new CompanionDb();
