import { describe, expect, it } from 'vitest';
import { isSellerInformationUrl } from '../../extension/pages/seller-information';

describe('isSellerInformationUrl', () => {
  it.each([
    ['https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information_old', true],
    ['https://seller-us.tiktok.com/profile/seller-profile?tab=seller_information', true],
    ['https://seller-uk.tiktok.com/profile/seller-profile', true],
    ['https://seller.tiktokglobalshop.com/profile/seller-profile/', true],
    ['https://seller-us.tiktok.com/profile/seller-profile?tab=business_information', false],
    ['https://seller-us.tiktok.com/homepage', false],
    ['https://seller-us.tiktok.com/profile/seller-profile-extra', false],
  ])('%s -> %s', (url, expected) => expect(isSellerInformationUrl(new URL(url))).toBe(expected));
});
