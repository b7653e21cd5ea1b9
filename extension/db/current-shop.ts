import type { Shop } from '../../shared/schemas';
import type { CompanionDb } from './database';

/**
 * Which shop a Seller Center tab is showing. One known shop on that host settles it; with several,
 * the page's own header must name exactly one of them. Anything else is "cannot tell", never a guess.
 */
export async function resolveCurrentShop(db: CompanionDb, host: string, headerText: string): Promise<Shop | null> {
  const onHost = await db.shops.filter((s) => s.sellerCenterHost === host).toArray();
  if (onHost.length === 1) return onHost[0] ?? null;
  const matching = onHost.filter((s) => s.name && namesWholly(headerText, s.name));
  // "Maple" inside "Maple & Moss Home": the longer name is the one the page shows.
  const named = matching.filter(
    (s) => !matching.some((o) => o !== s && o.name && s.name && o.name.toLowerCase().includes(s.name.toLowerCase())),
  );
  const byCode = onHost.filter((s) => namesWholly(headerText, s.shopCode));
  const candidates = byCode.length === 1 ? byCode : named;
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** A name or code named on its own, not as part of a longer word ("US1" is not in "US10"). */
export function namesWholly(text: string, name: string): boolean {
  const escaped = name
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  if (!escaped) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'iu').test(text);
}
