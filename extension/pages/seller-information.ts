import { readLabelledShopCode, type ShopCode } from '../../shared/shop-code';
import { deepestHolding, findLabels, firstMatch, textWithout, valueCandidates, visibleText } from './dom-text';
import { memoForBatch, pageSays } from './landmarks';

/**
 * Seller Center > My Account > Seller profile > Seller information, where the shop code lives.
 * Known route: /profile/seller-profile?tab=seller_information_old (an old and a new layout exist).
 * Examples:
 *   https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old  -> true
 *   https://seller-uk.tiktok.com/profile/seller-profile                             -> true
 *   https://seller-us.tiktok.com/profile/seller-profile?tab=business_information   -> false
 *   https://seller-us.tiktok.com/homepage                                           -> false
 */
export function isSellerInformationUrl(url: URL): boolean {
  if (!/^\/profile\/seller-profile\/?$/.test(url.pathname)) return false;
  const tab = url.searchParams.get('tab');
  return tab === null || tab.startsWith('seller_information');
}

const INFO_TEST_IDS = ['[data-tid*="seller_information"]'];
const INFO_HEADING = /^seller information$/i;

/** True on any page that shows itself as Seller information, whatever its URL. */
export function hasSellerInformationLandmark(doc: Document): boolean {
  return (
    memoForBatch(doc, 'seller-information-test-id', () => firstMatch(doc, INFO_TEST_IDS) !== null) || pageSays(doc, INFO_HEADING)
  );
}

export function isSellerInformationPage(url: URL, doc: Document): boolean {
  return isSellerInformationUrl(url) || hasSellerInformationLandmark(doc);
}

/** Old and new layouts side by side; the generic ones catch a renamed layout. */
const SHOP_CODE_TEST_IDS = [
  '[data-tid="profile.view.seller_information_old.shop_code"]',
  '[data-tid="profile.view.seller_information_new.shop_code"]',
  '[data-tid$=".shop_code"]',
  '[data-tid*="shop_code"]',
];
const SHOP_NAME_TEST_IDS = [
  '[data-tid="profile.view.seller_information_old.shop_name"]',
  '[data-tid="profile.view.seller_information_new.shop_name"]',
  '[data-tid$=".shop_name"]',
];
const SHOP_CODE_LABEL = /^shop code$/i;
const SHOP_NAME_LABEL = /^shop name$/i;

export type ShopCodeReading =
  | { found: true; code: ShopCode; element: Element; via: 'test-id' | 'label' }
  | { found: false; tried: string[] };

export function readShopCode(doc: Document): ShopCodeReading {
  const tried: string[] = [];
  const byTestId = firstMatch(doc, SHOP_CODE_TEST_IDS);
  if (byTestId) {
    const labels = findLabels(byTestId, SHOP_CODE_LABEL);
    const text = labels[0] ? textWithout(byTestId, labels[0]) : visibleText(byTestId);
    const code = readLabelledShopCode(text);
    if (code) return { found: true, code, element: deepestHolding(byTestId, code.code), via: 'test-id' };
    tried.push(`test id ${byTestId.getAttribute('data-tid')} held no shop code ("${text.slice(0, 40)}")`);
  } else {
    tried.push('no element with a shop_code test id');
  }
  const labels = findLabels(doc.body ?? doc, SHOP_CODE_LABEL);
  for (const label of labels) {
    for (const candidate of valueCandidates(label)) {
      const code = readLabelledShopCode(textWithout(candidate, label));
      if (code) return { found: true, code, element: deepestHolding(candidate, code.code), via: 'label' };
    }
  }
  tried.push(labels.length ? `label "Shop code" found ${labels.length}x with no code beside it` : 'no "Shop code" label');
  return { found: false, tried };
}

/** The shop's name if the page shows it; optional, so a miss is not an error. */
export function readShopName(doc: Document): string | undefined {
  const byTestId = firstMatch(doc, SHOP_NAME_TEST_IDS);
  if (byTestId) {
    const content = byTestId.querySelector('[class*="content-"]');
    const labels = findLabels(byTestId, SHOP_NAME_LABEL);
    const text = content ? visibleText(content) : labels[0] ? textWithout(byTestId, labels[0]) : visibleText(byTestId);
    // By code points: cutting at 200 UTF-16 units could split an emoji into a lone surrogate.
    if (text) return Array.from(text).slice(0, 200).join('');
  }
  for (const label of findLabels(doc.body ?? doc, SHOP_NAME_LABEL)) {
    for (const candidate of valueCandidates(label, 2)) {
      const text = textWithout(candidate, label);
      if (text && text.length <= 200) return text;
    }
  }
  return undefined;
}
