import type { Shop } from '../../shared/schemas';
import { sendMessage } from '../messaging';
import { boundedText } from '../pages/text-pieces';

/**
 * Where a Seller Center tab names its shop: the title, the top bar, the avatar and the account
 * menu. Read with element boundaries, so a name never runs into the words beside it.
 */
const SHOP_NAMING = [
  'header',
  '[role="banner"]',
  '[data-tid="m4b_avatar"]',
  '[data-tid*="avatar" i]',
  '[data-tid*="account" i]',
  '[data-tid*="shop_name" i]',
  '[data-tid*="shop-switch" i]',
  '[aria-label*="account" i]',
  '[role="menu"]',
  'nav',
].join(', ');

export function pageHeaderText(doc: Document): string {
  const parts = [doc.title];
  const taken: Element[] = [];
  let length = 0;
  for (const el of doc.querySelectorAll(SHOP_NAMING)) {
    if (taken.some((t) => t.contains(el))) continue;
    taken.push(el);
    const text = boundedText(el);
    parts.push(text);
    length += text.length;
    if (length > 4000) break;
  }
  return parts.join(' | ').replace(/\s+/g, ' ').slice(0, 4000);
}

/** Asks the background which known shop this tab shows; null when it cannot be told. */
export async function currentShop(doc: Document, host: string): Promise<Shop | null> {
  return sendMessage('resolveShop', { host, headerText: pageHeaderText(doc) });
}

/**
 * Both reasons it cannot be told, since the content script does not know which holds: the shop was
 * never seen here, or several were and the page's top bar names none of them.
 */
export const UNKNOWN_SHOP_WHY =
  "which shop this page belongs to cannot be told. If this shop's Seller information was never opened in this browser, open it once; if you manage several shops on this Seller Center, the page must show the shop's name at the top (switch to the shop, then reload).";

export const UNKNOWN_SHOP_LINE = `Not saved: ${UNKNOWN_SHOP_WHY}`;
