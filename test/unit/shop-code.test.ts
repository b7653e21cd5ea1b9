import { describe, expect, it } from 'vitest';
import { extractShopCodes, parseShopCode, readLabelledShopCode, SHOP_CODE_PATTERN } from '../../shared/shop-code';

const SEEN_LOCAL = ['USLCQPEV3N', 'PHLCDRL2UT', 'VNLC67LW3F', 'USUSLCGMEK63', 'MXMXLCVFLL4L', 'GBGBLCRKQTEX', 'IDIDLCF7PLWCU'];
const SEEN_CROSS_BORDER = ['CNGBCBA4LLU8', 'HKUSCBHLEL8Y', 'CNMYCB46LHVQ'];

describe('parseShopCode', () => {
  it.each(SEEN_LOCAL)('accepts the local code %s seen in public data', (code) => {
    const parsed = parseShopCode(code);
    expect(parsed).toMatchObject({ ok: true, shop: { code, sellerType: 'local', standard: true } });
  });

  it.each(SEEN_CROSS_BORDER)('accepts the cross-border code %s', (code) => {
    expect(parseShopCode(code)).toMatchObject({ ok: true, shop: { code, sellerType: 'cross_border' } });
  });

  it('splits entity country and market', () => {
    expect(parseShopCode('CNGBCBA4LLU8')).toMatchObject({ ok: true, shop: { entityCountry: 'CN', market: 'GB' } });
    expect(parseShopCode('USLCQPEV3N')).toMatchObject({ ok: true, shop: { entityCountry: 'US', market: 'US' } });
    expect(parseShopCode('IDIDLCF7PLWCU')).toMatchObject({ ok: true, shop: { entityCountry: 'ID', market: 'ID' } });
  });

  it('normalises case and surrounding spaces', () => {
    expect(parseShopCode('  uslcqpev3n ')).toMatchObject({ ok: true, shop: { code: 'USLCQPEV3N' } });
    expect(parseShopCode('UsLcQpEv3N')).toMatchObject({ ok: true, shop: { code: 'USLCQPEV3N' } });
  });

  it.each([
    ['USLCQPE', 'too-short'],
    ['USLCQPEV3', 'too-short'],
    ['USUSLCGMEK63XY', 'too-long'],
    ['USXXQPEV3N', 'no-seller-type-marker'],
    ['1234567890', 'no-seller-type-marker'],
    ['USLCQP-V3N', 'bad-suffix'],
    ['XXLCQPEV3N', 'unknown-market'],
    ['CAXXLCQPEV3N', 'unknown-market'],
  ])('rejects %s as %s', (candidate, reason) => {
    const parsed = parseShopCode(candidate);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.rejected.reason).toBe(reason);
      expect(parsed.rejected.candidate).toBe(candidate);
      expect(parsed.rejected.message.length).toBeGreaterThan(5);
    }
  });

  it('has every boundary length right: 10 to 13 characters', () => {
    expect(parseShopCode('USLC123456').ok).toBe(true);
    expect(parseShopCode('USLC1234567').ok).toBe(true);
    expect(parseShopCode('USUSLC123456').ok).toBe(true);
    expect(parseShopCode('USUSLC1234567').ok).toBe(true);
    expect(parseShopCode('USUSLC12345678').ok).toBe(false);
  });

  it('keeps the documented candidate pattern', () => {
    expect(SHOP_CODE_PATTERN.source).toBe('^([A-Z]{2})([A-Z]{2})?(LC|CB)([A-Z0-9]{6,7})$');
  });
});

describe('extractShopCodes', () => {
  it('finds codes in a pasted e-mail, deduplicated, in order', () => {
    const email = `Hi team,
Here are our shops: USLCQPEV3N (US store) and gbgblcrkqtex for the UK.
Again, the US one is USLCQPEV3N. Reply to ops.lead@brand-example.com. Thanks!`;
    const { codes, rejected } = extractShopCodes(email);
    expect(codes.map((c) => c.code)).toEqual(['USLCQPEV3N', 'GBGBLCRKQTEX']);
    expect(rejected).toEqual([]);
  });

  it('reads a CSV column and reports each bad cell with its reason', () => {
    const csv = 'shop,code\nMaple,USLCQPEV3N\nHarbour,"CNGBCBA4LLU8"\nTypo,USLCQPEV3\nOther,XXLCQPEV3N\n';
    const { codes, rejected } = extractShopCodes(csv);
    expect(codes.map((c) => c.code)).toEqual(['USLCQPEV3N', 'CNGBCBA4LLU8']);
    expect(rejected.map((r) => [r.candidate, r.reason])).toEqual([
      ['USLCQPEV3', 'too-short'],
      ['XXLCQPEV3N', 'unknown-market'],
    ]);
  });

  it('reads a code from a URL query and from stray punctuation', () => {
    expect(extractShopCodes('https://example.com/approve?shop_code=phlcdrl2ut&x=1').codes.map((c) => c.code)).toEqual([
      'PHLCDRL2UT',
    ]);
    expect(extractShopCodes('"USLCQPEV3N";(VNLC67LW3F)...IDIDLCF7PLWCU!').codes.map((c) => c.code)).toEqual([
      'USLCQPEV3N',
      'VNLC67LW3F',
      'IDIDLCF7PLWCU',
    ]);
  });

  it('stays silent about ordinary words and numbers', () => {
    const { codes, rejected } = extractShopCodes('Please request access tomorrow; invoice 2026112301 is attached.');
    expect(codes).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('does not read host names or e-mail addresses as codes', () => {
    const { codes, rejected } = extractShopCodes('Write to USLCQPEV3N@example.com or visit seller-us.tiktok.com');
    expect(codes).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('rejects a capitalised look-alike once, with its reason', () => {
    const { rejected } = extractShopCodes('ABCDEFGHIJ ABCDEFGHIJ');
    expect(rejected).toEqual([{ candidate: 'ABCDEFGHIJ', reason: 'no-seller-type-marker', message: expect.any(String) }]);
  });

  it('returns nothing for empty text', () => {
    expect(extractShopCodes('')).toEqual({ codes: [], rejected: [] });
  });
});

describe('readLabelledShopCode', () => {
  it('reads a standard code among other words', () => {
    expect(readLabelledShopCode('USLCQPEV3N Copy')).toMatchObject({ code: 'USLCQPEV3N', standard: true });
  });

  it('keeps an unusual code the page labels, flagged non-standard', () => {
    expect(readLabelledShopCode('ZZLC12345678X')).toMatchObject({ code: 'ZZLC12345678X', standard: false });
  });

  it('refuses an ambiguous or empty value', () => {
    expect(readLabelledShopCode('ABC123DEF GHI456JKL')).toBeNull();
    expect(readLabelledShopCode('--')).toBeNull();
    expect(readLabelledShopCode('pending')).toBeNull();
  });
});
