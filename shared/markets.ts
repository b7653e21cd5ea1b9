/**
 * Where TikTok Shop sells and which Seller Center hosts serve it.
 * Sources: ../shared/reference/tiktok-pages.md (hosts) and the shop codes seen in public data.
 */

export const MARKETS = ['US', 'GB', 'MX', 'BR', 'ID', 'JP', 'MY', 'PH', 'SG', 'TH', 'VN', 'FR', 'DE', 'ES', 'IT', 'IE'] as const;
export type Market = (typeof MARKETS)[number];

export function isMarket(value: string): value is Market {
  return (MARKETS as readonly string[]).includes(value);
}

export type SellerType = 'local' | 'cross_border';

// Host subdomains use "uk" where shop codes use ISO "GB".
const HOST_REGION_ALIASES: Record<string, Market> = { uk: 'GB' };

const LOCAL_HOST = /^seller(?:-([a-z]{2}))?\.tiktok\.com$/;
const TOKOPEDIA_HOST = /^seller-id\.tokopedia\.com$/;
const SANDBOX_HOST = /^seller-sandbox\.tiktok\.com$/;
const CROSS_BORDER_HOSTS: Record<string, Market | undefined> = {
  'seller.tiktokglobalshop.com': undefined,
  'seller-us.tiktokglobalshop.com': 'US',
  'seller.tiktokshopglobalselling.com': undefined,
  'seller.us.tiktokshopglobalselling.com': 'US',
};

export interface SellerCenterHost {
  host: string;
  /** The market the host serves, when the host alone tells it. */
  market?: Market;
  sellerType: SellerType;
  sandbox: boolean;
}

/** Classifies a host name as a Seller Center host, or returns null. */
export function sellerCenterHost(hostname: string): SellerCenterHost | null {
  const host = hostname.toLowerCase();
  if (host in CROSS_BORDER_HOSTS) {
    return { host, market: CROSS_BORDER_HOSTS[host], sellerType: 'cross_border', sandbox: false };
  }
  if (TOKOPEDIA_HOST.test(host)) return { host, market: 'ID', sellerType: 'local', sandbox: false };
  if (SANDBOX_HOST.test(host)) return { host, sellerType: 'local', sandbox: true };
  const local = LOCAL_HOST.exec(host);
  if (!local) return null;
  const sub = local[1];
  if (sub === undefined) return { host, sellerType: 'local', sandbox: false };
  const market = HOST_REGION_ALIASES[sub] ?? sub.toUpperCase();
  if (!isMarket(market)) return null;
  return { host, market, sellerType: 'local', sandbox: false };
}

/** Every Seller Center host as a content-script match pattern. */
export const SELLER_CENTER_MATCHES = [
  'https://seller.tiktok.com/*',
  ...['us', 'uk', 'mx', 'br', 'id', 'jp', 'my', 'ph', 'sg', 'th', 'vn', 'fr', 'de', 'es', 'it', 'ie'].map(
    (sub) => `https://seller-${sub}.tiktok.com/*`,
  ),
  'https://seller-id.tokopedia.com/*',
  'https://seller-sandbox.tiktok.com/*',
  ...Object.keys(CROSS_BORDER_HOSTS).map((host) => `https://${host}/*`),
];

export const BUSINESS_CENTER_MATCHES = ['https://business.tiktok.com/*'];

/** TikTok's own hosts, where an approval or authorization link may point (https only). */
const TIKTOK_LINK_HOSTS = ['tiktok.com', 'tiktokshop.com'];

export function isTikTokLink(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return url.protocol === 'https:' && TIKTOK_LINK_HOSTS.some((root) => host === root || host.endsWith(`.${root}`));
}
