// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { PageBatch } from '../../extension/features/watch-page';
import { readBusinessCenterName, readShops } from '../../extension/pages/business-center';
import { forgetRecognition } from '../../extension/pages/recognition-memo';

/**
 * Lists whose rows do not all show the same kinds of value: a request time only on the requests
 * made recently ("-" elsewhere), beside a top bar that shows the Business Center's id. The reader
 * once took only the rows holding every kind, here one, and read the top bar into it.
 */

const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };
const ORG = '7000000000009';
const URL_ = new URL(`https://business.tiktok.com/manage/assets/shops?org_id=${ORG}`);
const SWITCHER = `<div class="switcher"><div>Northwind Agency</div><div>ID: ${ORG}</div></div>`;

beforeEach(() => forgetRecognition(document));

const table = (rows: string[][]) =>
  `<h2>Shops</h2><table><thead><tr><th>Shop</th><th>Shop code</th><th>Status</th><th>Request time</th></tr></thead><tbody>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
const divs = (rows: string[][]) =>
  `<h2>Shops</h2><div role="table"><div role="row"><span role="columnheader">Shop</span><span role="columnheader">Shop code</span><span role="columnheader">Status</span><span role="columnheader">Request time</span></div>${rows
    .map((cells) => `<div role="row">${cells.map((c) => `<span role="cell">${c}</span>`).join('')}</div>`)
    .join('')}</div>`;

const ROWS = [
  ['Sunny Isles', 'USLCHAND01', '<span>Pending approval</span>', '2026-12-04 08:10'],
  ['Maple Moss', 'USLCQPEV3N', 'Active', '-'],
  ['Batik House', 'IDLC777777', 'Active', ''],
];

describe('a list whose rows show different kinds of value', () => {
  for (const [name, build] of [
    ['table', table],
    ['ARIA rows', divs],
  ] as const) {
    for (const top of ['', SWITCHER]) {
      it(`reads every row of a ${name}${top ? ' under a top bar with the id' : ''}, each with what it shows`, () => {
        document.body.innerHTML = `<main>${top}${build(ROWS)}</main>`;
        const read = readShops(URL_, document, FULL);
        expect(read?.shops.map((s) => [s.code, s.pending, s.requestedAt !== undefined])).toEqual([
          ['USLCHAND01', true, true],
          ['USLCQPEV3N', false, false],
          ['IDLC777777', false, false],
        ]);
        expect(read?.shops.map((s) => s.name)).toEqual(['Sunny Isles', 'Maple Moss', 'Batik House']);
        expect(readBusinessCenterName(document, ORG)).toBe(top ? 'Northwind Agency' : null);
      });

      // The page around a one-row list holds one kind more (the id in the top bar) than the row:
      // it was once taken for the record, and the row's date was never read.
      it(`reads the only row of a one-row ${name}${top ? ' under a top bar with the id' : ''}, date included`, () => {
        document.body.innerHTML = `<main>${top}<div><button type="button">Add Shop</button></div>${build(ROWS.slice(0, 1))}</main>`;
        const read = readShops(URL_, document, FULL);
        expect(read?.shops).toEqual([
          { code: 'USLCHAND01', name: 'Sunny Isles', pending: true, requestedAt: new Date(2026, 11, 4, 8, 10).getTime() },
        ]);
      });
    }
  }

  it('reads a request time in the host-independent way: an ambiguous numeric date stays unread', () => {
    document.body.innerHTML = `<main>${table([
      ['Sunny Isles', 'USLCHAND01', 'Pending approval', '03/04/2026 10:00'],
      ['Maple Moss', 'USLCQPEV3N', 'Pending approval', '2026-12-04 09:30'],
    ])}</main>`;
    const [ambiguous, iso] = readShops(URL_, document, FULL)?.shops ?? [];
    expect(ambiguous?.requestedAt).toBeUndefined();
    expect(iso?.requestedAt).toBe(new Date(2026, 11, 4, 9, 30).getTime());
  });
});

describe('a Shops list with no shop at all', () => {
  it('reads the welcome page (no shop added, or every one gone) as a whole list of none', () => {
    document.body.innerHTML = `<main>${SWITCHER}<h2>Shops</h2><div><p>Add TikTok Shops to promote their products in ads.</p><button type="button">Add TikTok Shop</button></div></main>`;
    expect(readShops(URL_, document, FULL)).toEqual({ shops: [], completeness: { complete: true } });
  });

  it('reads a Shops table that says "No data" as a whole list of none', () => {
    document.body.innerHTML = `<main><h2>Shops</h2><table><thead><tr><th>Shop</th><th>Shop code</th><th>Status</th></tr></thead><tbody><tr><td colspan="3">No data</td></tr></tbody></table></main>`;
    expect(readShops(URL_, document, FULL)?.shops).toEqual([]);
    expect(readShops(URL_, document, FULL)?.completeness.complete).toBe(true);
  });

  it('does not take "No data" while the list is loading for a whole list', () => {
    document.body.innerHTML = `<main><h2>Shops</h2><div aria-busy="true">Loading...</div><table><thead><tr><th>Shop code</th></tr></thead><tbody><tr><td>No data</td></tr></tbody></table></main>`;
    expect(readShops(URL_, document, FULL)?.completeness.complete ?? false).toBe(false);
  });

  // Pages that only look empty: every approved shop would be marked lost, and the team notified.
  it.each([
    ['a spinner drawn as an icon over the table', '<div class="ant-spin ant-spin-spinning"><svg></svg></div>'],
    ['an error over the table', '<div role="alert">Network error. Please try again.</div>'],
    ['a skeleton list', '<div class="list-skeleton"><div></div><div></div></div>'],
  ])('reads nothing from %s', (_name, extra) => {
    document.body.innerHTML = `<main><h2>Shops</h2>${extra}<table><thead><tr><th>Shop</th><th>Shop code</th></tr></thead><tbody><tr><td colspan="2">No data</td></tr></tbody></table></main>`;
    expect(readShops(URL_, document, FULL)).toBeNull();
  });

  it('reads nothing from a "No data" card that is not the Shops list, nor from shops shown by name only', () => {
    document.body.innerHTML = `<main><h2>Shops</h2><section><h3>Recent activity</h3><p>No data</p></section></main>`;
    expect(readShops(URL_, document, FULL)).toBeNull();
    document.body.innerHTML = `<main><h2>Shops</h2><table><thead><tr><th>Shop</th><th>Shop code</th></tr></thead><tbody><tr><td>Maple &amp; Moss</td><td>-</td></tr></tbody></table></main>`;
    expect(readShops(URL_, document, FULL)?.shops ?? []).toEqual([]);
    expect(readShops(URL_, document, FULL)?.completeness.complete ?? false).toBe(false);
  });

  it('reads nothing from a search that found no shop, nor from a page without the words', () => {
    document.body.innerHTML = `<main><h2>Shops</h2><input type="search" value="lantern"><p>No results found</p></main>`;
    expect(readShops(URL_, document, FULL)).toBeNull();
    document.body.innerHTML = `<main><h2>Shops</h2><p>Something went wrong. Please try again later.</p></main>`;
    expect(readShops(URL_, document, FULL)).toBeNull();
  });
});
