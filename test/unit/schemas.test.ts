import { describe, expect, it } from 'vitest';
import { agencyMessage } from '../../shared/agency-message';
import {
  BusinessCenterSchema,
  ShopAccessRequestSchema,
  ShopCaptureSchema,
  ShopSchema,
  shopAccessRequestId,
} from '../../shared/schemas';

describe('schemas', () => {
  const shop = {
    shopCode: 'USLCQPEV3N',
    name: 'Maple',
    region: 'US',
    sellerType: 'local',
    sellerCenterHost: 'seller-us.tiktok.com',
    firstSeenAt: 1,
    lastSeenAt: 2,
  };

  it('accepts a captured shop and defaults the standard-code flag', () => {
    expect(ShopSchema.parse(shop).standardCode).toBe(true);
  });

  it('rejects lower-case or punctuated codes at the storage boundary', () => {
    expect(ShopSchema.safeParse({ ...shop, shopCode: 'uslcqpev3n' }).success).toBe(false);
    expect(ShopSchema.safeParse({ ...shop, shopCode: 'USLC-QPEV3N' }).success).toBe(false);
  });

  it('rejects an unknown market and an unknown seller type', () => {
    expect(ShopSchema.safeParse({ ...shop, region: 'ZZ' }).success).toBe(false);
    expect(ShopSchema.safeParse({ ...shop, sellerType: 'global' }).success).toBe(false);
  });

  it('lets the background stamp capture times', () => {
    const { firstSeenAt: _f, lastSeenAt: _l, ...capture } = shop;
    expect(ShopCaptureSchema.parse(capture)).not.toHaveProperty('firstSeenAt');
  });

  it('Business Center ids are the digits of org_id', () => {
    expect(BusinessCenterSchema.safeParse({ orgId: '7123456789012345678', lastSeenAt: 1 }).success).toBe(true);
    expect(BusinessCenterSchema.safeParse({ orgId: '71234abc', lastSeenAt: 1 }).success).toBe(false);
  });

  it("access-request ids come from their natural key, so two members' offline records merge", () => {
    expect(shopAccessRequestId('7123', 'USLCQPEV3N', 'request_access')).toBe(
      shopAccessRequestId('7123', 'USLCQPEV3N', 'request_access'),
    );
    const request = ShopAccessRequestSchema.parse({
      id: shopAccessRequestId('7123456', 'USLCQPEV3N', 'request_access'),
      businessCenterId: '7123456',
      shopCode: 'USLCQPEV3N',
      method: 'request_access',
      status: 'pending',
      updatedAt: 1,
    });
    expect(request.resends).toEqual([]);
  });
});

describe('agencyMessage', () => {
  it('names the code and the Business Center steps', () => {
    const text = agencyMessage({ shopCode: 'USLCQPEV3N', name: 'Maple & Moss', region: 'US' });
    expect(text).toContain('USLCQPEV3N');
    expect(text).toContain('Maple & Moss (shop code USLCQPEV3N)');
    expect(text).toMatch(/Assets > Shops/);
    expect(text).toMatch(/Add Shop/);
    expect(text).toMatch(/Request/);
  });

  it('reads well without a shop name', () => {
    expect(agencyMessage({ shopCode: 'USLCQPEV3N' })).toContain('To request access to shop code USLCQPEV3N:');
  });
});
