import { describe, expect, it } from 'vitest';
import { shopCodesFromCsv } from '../../shared/shop-code-csv';

describe('shop codes from a CSV file', () => {
  it('takes the codes of every row and gives the reason for each row that gave none', () => {
    const csv = [
      'Shop code,Client',
      'USLCQPEV3N,Maple & Moss',
      '"gbgblcrkqtex","Lantern Goods"',
      'XXLCQPEV3N,Unknown market',
      ',Client with no code',
      '',
      'USLCQPEV3N,Maple again',
      'MXMXLCVFLL4L;Casa Lumbre\r',
    ].join('\r\n');
    const { codes, problems } = shopCodesFromCsv(csv);
    expect(codes).toEqual(['USLCQPEV3N', 'GBGBLCRKQTEX', 'MXMXLCVFLL4L']);
    expect(problems.map((p) => p.row)).toEqual([4, 5]);
    expect(problems[0]?.message).toMatch(/^"XXLCQPEV3N": /);
    expect(problems[1]?.message).toBe('no shop code in ",Client with no code"');
  });

  it('does not take a first row of codes for a header', () => {
    expect(shopCodesFromCsv('USLCQPEV3N\nPHLCDRL2UT').codes).toEqual(['USLCQPEV3N', 'PHLCDRL2UT']);
    expect(shopCodesFromCsv('notes\nnothing here').problems).toEqual([{ row: 2, message: 'no shop code in "nothing here"' }]);
  });
});
