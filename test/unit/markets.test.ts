import { describe, expect, it } from 'vitest';
import { BUSINESS_CENTER_MATCHES, SELLER_CENTER_MATCHES, sellerCenterHost } from '../../shared/markets';

describe('sellerCenterHost', () => {
  it.each([
    ['seller-us.tiktok.com', { market: 'US', sellerType: 'local' }],
    ['seller-uk.tiktok.com', { market: 'GB', sellerType: 'local' }],
    ['SELLER-VN.TIKTOK.COM', { market: 'VN', sellerType: 'local' }],
    ['seller.tiktok.com', { sellerType: 'local', sandbox: false }],
    ['seller-id.tokopedia.com', { market: 'ID', sellerType: 'local' }],
    ['seller-sandbox.tiktok.com', { sandbox: true }],
    ['seller.tiktokglobalshop.com', { sellerType: 'cross_border' }],
    ['seller-us.tiktokglobalshop.com', { sellerType: 'cross_border', market: 'US' }],
    ['seller.us.tiktokshopglobalselling.com', { sellerType: 'cross_border', market: 'US' }],
  ])('%s', (host, expected) => expect(sellerCenterHost(host)).toMatchObject(expected));

  it('leaves the market unknown where the host does not tell it', () => {
    expect(sellerCenterHost('seller.tiktok.com')?.market).toBeUndefined();
    expect(sellerCenterHost('seller.tiktokglobalshop.com')?.market).toBeUndefined();
  });

  it.each([
    'business.tiktok.com',
    'www.tiktok.com',
    'seller-zz.tiktok.com',
    'seller-us.tiktok.com.evil.example',
    'partner.tiktokshop.com',
  ])('rejects %s', (host) => expect(sellerCenterHost(host)).toBeNull());

  it('has a content-script match for every host it accepts', () => {
    for (const pattern of SELLER_CENTER_MATCHES) {
      const host = pattern.replace('https://', '').replace('/*', '');
      expect(sellerCenterHost(host), host).not.toBeNull();
    }
    expect(SELLER_CENTER_MATCHES).toHaveLength(23);
    // Content scripts run on https pages only: a page on plain http may be anyone's.
    for (const pattern of [...SELLER_CENTER_MATCHES, ...BUSINESS_CENTER_MATCHES]) expect(pattern).toMatch(/^https:\/\//);
  });
});
