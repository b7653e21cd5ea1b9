import { type Shop, type ShopCapture, ShopCaptureSchema } from '../../shared/schemas';
import type { CompanionDb } from './database';

/** Stores a shop read from Seller Center; seeing it again refreshes it, never duplicates it. */
export async function recordShopCapture(
  db: CompanionDb,
  input: ShopCapture,
  now: number = Date.now(),
): Promise<{ created: boolean; shop: Shop }> {
  const capture = ShopCaptureSchema.parse(input);
  return db.transaction('rw', db.shops, async () => {
    const existing = await db.shops.get(capture.shopCode);
    const shop: Shop = existing
      ? {
          ...existing,
          ...definedOnly(capture),
          firstSeenAt: existing.firstSeenAt,
          lastSeenAt: now,
        }
      : { ...capture, firstSeenAt: now, lastSeenAt: now };
    await db.shops.put(shop);
    return { created: !existing, shop };
  });
}

/** A later capture that could not read the name must not erase the name an earlier one read. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function listShops(db: CompanionDb): Promise<Shop[]> {
  return db.shops.orderBy('lastSeenAt').reverse().toArray();
}
