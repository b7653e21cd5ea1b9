import type { Shop } from '../../shared/schemas';
import type { CompanionDb } from './database';

/**
 * Which shop a Seller Center tab is showing. One known shop on that host settles it; with several,
 * the page's own header must name exactly one of them. Anything else is "cannot tell", never a guess.
 */
export async function resolveCurrentShop(db: CompanionDb, host: string, headerText: string): Promise<Shop | null> {
  const onHost = await db.shops.filter((s) => s.sellerCenterHost === host).toArray();
  if (onHost.length === 1) return onHost[0] ?? null;
  const header = headerText.toLowerCase();
  const named = onHost.filter((s) => s.name && header.includes(s.name.toLowerCase()));
  const byCode = onHost.filter((s) => header.includes(s.shopCode.toLowerCase()));
  const candidates = byCode.length === 1 ? byCode : named;
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}
