import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CompanionDb } from '../../extension/db/database';
import { listShops, recordShopCapture } from '../../extension/db/shops';
import { shopsCsv } from '../../extension/ui/dashboard/table-csv';

let db: CompanionDb;
afterEach(async () => {
  await db?.delete();
});

const capture = {
  shopCode: 'USLCQPEV3N',
  name: 'Maple',
  region: 'US' as const,
  sellerType: 'local' as const,
  sellerCenterHost: 'seller-us.tiktok.com',
  standardCode: true,
};

describe('recordShopCapture', () => {
  it('creates a shop, then updates it in place', async () => {
    db = new CompanionDb(`t-${Math.random()}`);
    expect(await recordShopCapture(db, capture, 1000)).toMatchObject({
      created: true,
      shop: { firstSeenAt: 1000, lastSeenAt: 1000 },
    });
    const again = await recordShopCapture(db, { ...capture, name: 'Maple & Moss' }, 5000);
    expect(again).toMatchObject({ created: false, shop: { name: 'Maple & Moss', firstSeenAt: 1000, lastSeenAt: 5000 } });
    expect(await db.shops.count()).toBe(1);
  });

  it('keeps a known name when a later capture could not read one', async () => {
    db = new CompanionDb(`t-${Math.random()}`);
    await recordShopCapture(db, capture, 1000);
    const { name: _n, ...withoutName } = capture;
    expect((await recordShopCapture(db, withoutName, 2000)).shop.name).toBe('Maple');
  });

  it('rejects what a content script should never send', async () => {
    db = new CompanionDb(`t-${Math.random()}`);
    await expect(recordShopCapture(db, { ...capture, shopCode: '<script>' })).rejects.toThrow();
    expect(await db.shops.count()).toBe(0);
  });

  it('lists the most recently seen first', async () => {
    db = new CompanionDb(`t-${Math.random()}`);
    await recordShopCapture(db, capture, 1000);
    await recordShopCapture(db, { ...capture, shopCode: 'GBGBLCRKQTEX', region: 'GB' }, 2000);
    expect((await listShops(db)).map((s) => s.shopCode)).toEqual(['GBGBLCRKQTEX', 'USLCQPEV3N']);
  });
});

describe('shopsCsv', () => {
  it('quotes commas and neutralises spreadsheet formulas', () => {
    const csv = shopsCsv([{ ...capture, name: '=HYPERLINK("x"), "Bad"', firstSeenAt: 0, lastSeenAt: 0 }]);
    const [header, row] = csv.trim().split('\r\n');
    expect(header).toBe('shopCode,name,region,sellerType,sellerCenterHost,firstSeenAt,lastSeenAt');
    expect(row).toBe(
      'USLCQPEV3N,"\'=HYPERLINK(""x""), ""Bad""",US,local,seller-us.tiktok.com,1970-01-01T00:00:00.000Z,1970-01-01T00:00:00.000Z',
    );
  });
});
