import type { Market, SellerType } from './markets';

/**
 * How a seller renews a partner's authorization (seed 000, "How do I renew my authorization?"):
 * UK and US local sellers and cross-border sellers only through an authorization link the partner
 * sends; others with Renew on My Services, choosing the renewal period.
 */
export type RenewalPath =
  | { way: 'link'; why: string }
  | { way: 'renew_button' }
  /** The shop's market is not known (a generic host): both ways are offered, neither asserted. */
  | { way: 'unknown'; why: string };

const LINK_ONLY_LOCAL: ReadonlySet<Market> = new Set(['GB', 'US']);

export function renewalPath(shop: { region?: Market; sellerType: SellerType } | null | undefined): RenewalPath {
  if (!shop) return { way: 'unknown', why: 'the shop is not known' };
  if (shop.sellerType === 'cross_border') {
    return { way: 'link', why: 'cross-border sellers renew only through an authorization link from the partner' };
  }
  if (!shop.region) return { way: 'unknown', why: "the shop's market is not known" };
  if (LINK_ONLY_LOCAL.has(shop.region)) {
    const where = shop.region === 'GB' ? 'UK' : 'US';
    return { way: 'link', why: `${where} sellers renew only through an authorization link from the partner` };
  }
  return { way: 'renew_button' };
}

/** The message a seller sends the partner to ask for a renewal link: names the service, the shop and the expiry. */
export function renewalLinkRequest(input: {
  serviceName: string;
  partner: string;
  shopCode: string;
  shopName?: string;
  expiresAt: number | null;
}): string {
  const shop = input.shopName ? `${input.shopName} (shop code ${input.shopCode})` : `shop code ${input.shopCode}`;
  const expiry = input.expiresAt === null ? 'soon' : `on ${new Date(input.expiresAt).toISOString().slice(0, 10)}`;
  return [
    `Hello ${input.partner},`,
    `our authorization of your service "${input.serviceName}" for our TikTok Shop ${shop} expires ${expiry}.`,
    'TikTok lets our shop renew only through an authorization link from you: could you send us a renewal link for this service?',
    'Thank you.',
  ].join('\n');
}

/** Where a renewal stands, from what the person marked and what My Services showed since. */
export type RenewalState = 'not_asked' | 'asked' | 'link_received' | 'renewed' | 'lapsed';

export function renewalState(
  a: { expiresAt: number | null; renewal?: { askedAt?: number; linkReceivedAt?: number; renewedAt?: number } },
  now: number,
): RenewalState {
  const r = a.renewal;
  // A renewal read after the last ask (or link) closes that cycle; asking again starts the next.
  if (r?.renewedAt !== undefined && r.renewedAt >= (r.askedAt ?? 0) && r.renewedAt >= (r.linkReceivedAt ?? 0)) return 'renewed';
  if (a.expiresAt !== null && a.expiresAt < now && (r?.askedAt !== undefined || r?.linkReceivedAt !== undefined)) return 'lapsed';
  if (r?.linkReceivedAt !== undefined) return 'link_received';
  if (r?.askedAt !== undefined) return 'asked';
  return 'not_asked';
}

/** What the reminder tells the seller to do, as their region allows (seed 000). */
export function renewalAdvice(path: RenewalPath): string {
  if (path.way === 'link') {
    return `Ask the partner for a renewal link (${path.why}); My Services and the dashboard have the message ready to copy.`;
  }
  if (path.way === 'renew_button') return 'Renew it on My Services (Renew, then choose the renewal period).';
  return 'Renew it on My Services, or ask the partner for a renewal link if your shop can only renew that way.';
}
