import type { Shop } from './schemas';

/**
 * The text a seller sends to an agency so it can request access from Business Center.
 * Steps follow seed 004 ("Request TikTok Shop Access from Business Center").
 */
export function agencyMessage(shop: Pick<Shop, 'shopCode' | 'name' | 'region'>): string {
  const label = shop.name ? `${shop.name} (shop code ${shop.shopCode})` : `shop code ${shop.shopCode}`;
  return [
    `Hi, here is our TikTok Shop code: ${shop.shopCode}`,
    '',
    `To request access to ${label}:`,
    '1. In TikTok Business Center, open Assets > Shops.',
    '2. Click "Add Shop" (or "Add TikTok Shop" if no shop is added yet).',
    `3. Paste the shop code ${shop.shopCode} and click "Request".`,
    '4. Click "Copy" on the confirmation and send us the approval link; we will approve it from Seller Center.',
    '',
    'Business Center allows 20 requests a day per Business Center.',
  ].join('\n');
}
