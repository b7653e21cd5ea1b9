import type { Shop } from '../../shared/schemas';
import { sendMessage } from '../messaging';

/** The page text that can name the shop a Seller Center tab shows: its title and header. */
export function pageHeaderText(doc: Document): string {
  const header = doc.querySelector('header, [role="banner"], [data-tid="m4b_avatar"]');
  return `${doc.title} ${header?.textContent ?? ''}`.replace(/\s+/g, ' ').slice(0, 4000);
}

/** Asks the background which known shop this tab shows; null when it cannot be told. */
export async function currentShop(doc: Document, host: string): Promise<Shop | null> {
  return sendMessage('resolveShop', { host, headerText: pageHeaderText(doc) });
}

export const UNKNOWN_SHOP_LINE =
  'Not saved: which shop this page belongs to cannot be told. Open Seller information once in this shop so the extension learns it.';
