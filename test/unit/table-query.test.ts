import { describe, expect, it } from 'vitest';
import {
  applyQuery,
  countText,
  EMPTY_QUERY,
  facetOptions,
  fold,
  isFiltered,
  nextSort,
  type TableQuery,
  type TableSpec,
} from '../../extension/ui/dashboard/table-query';

interface Row {
  code: string;
  partner: string;
  status: string;
  expires: number | null;
}

const ROWS: Row[] = [
  { code: 'USLC1A2B3C', partner: 'Zoë Ads', status: 'Active', expires: 30 },
  { code: 'GBLC9Z8Y7X', partner: 'Northwind', status: 'Closed', expires: null },
  { code: 'USLC4D5E6F', partner: 'Northwind', status: 'Active', expires: 5 },
  { code: 'IDLC0K1L2M', partner: 'contoso', status: 'Active', expires: 100 },
  { code: 'USLC7G8H9J', partner: 'Contoso', status: 'Authorization Canceled', expires: 5 },
];

const SPEC: TableSpec<Row> = {
  searchText: (r) => [r.code, r.partner, r.status],
  facets: [
    { key: 'status', label: 'Status', value: (r) => r.status },
    { key: 'partner', label: 'Partner', value: (r) => r.partner },
  ],
  columns: [
    { key: 'code', label: 'Shop', sortValue: (r) => r.code },
    { key: 'partner', label: 'Partner', sortValue: (r) => r.partner },
    { key: 'expires', label: 'Expires', sortValue: (r) => r.expires },
    { key: 'renewal', label: 'Renewal' },
  ],
};

const codes = (rows: Row[]) => rows.map((r) => r.code);
const query = (q: Partial<TableQuery>): TableQuery => ({ ...EMPTY_QUERY, ...q });

describe('table search', () => {
  it('keeps every row, in its own order, for an empty query', () => {
    expect(codes(applyQuery(ROWS, EMPTY_QUERY, SPEC))).toEqual(codes(ROWS));
    expect(codes(applyQuery(ROWS, query({ search: '   ' }), SPEC))).toEqual(codes(ROWS));
  });

  it('needs every word, in any column, in any case, without accents', () => {
    expect(codes(applyQuery(ROWS, query({ search: 'zoe' }), SPEC))).toEqual(['USLC1A2B3C']);
    expect(codes(applyQuery(ROWS, query({ search: 'ZOË' }), SPEC))).toEqual(['USLC1A2B3C']);
    expect(codes(applyQuery(ROWS, query({ search: 'northwind active' }), SPEC))).toEqual(['USLC4D5E6F']);
    expect(codes(applyQuery(ROWS, query({ search: 'uslc' }), SPEC))).toEqual(['USLC1A2B3C', 'USLC4D5E6F', 'USLC7G8H9J']);
    expect(applyQuery(ROWS, query({ search: 'northwind zoe' }), SPEC)).toEqual([]);
  });

  it('folds accents and case', () => {
    expect(fold('Zoë ÉTÉ')).toBe('zoe ete');
  });
});

describe('table filters', () => {
  it('keeps the rows whose facet holds the chosen value exactly', () => {
    expect(codes(applyQuery(ROWS, query({ filters: { partner: 'Contoso' } }), SPEC))).toEqual(['USLC7G8H9J']);
    expect(codes(applyQuery(ROWS, query({ filters: { status: 'Active', partner: 'Northwind' } }), SPEC))).toEqual(['USLC4D5E6F']);
  });

  it('combines filters with the search', () => {
    expect(codes(applyQuery(ROWS, query({ search: 'us', filters: { status: 'Active' } }), SPEC))).toEqual([
      'USLC1A2B3C',
      'USLC4D5E6F',
    ]);
  });

  it('ignores a filter on a facet the table does not have', () => {
    expect(applyQuery(ROWS, query({ filters: { nothing: 'x' } }), SPEC)).toHaveLength(ROWS.length);
  });

  it('offers each value once with its count, most common first', () => {
    expect(facetOptions(ROWS, SPEC.facets[0] as (typeof SPEC.facets)[0])).toEqual([
      { value: 'Active', count: 3 },
      { value: 'Authorization Canceled', count: 1 },
      { value: 'Closed', count: 1 },
    ]);
    // Values differing only in case are separate options: the page wrote them so.
    expect(facetOptions(ROWS, SPEC.facets[1] as (typeof SPEC.facets)[0]).map((o) => o.value)).toEqual([
      'Northwind',
      'contoso',
      'Contoso',
      'Zoë Ads',
    ]);
  });

  it('keeps offering the value chosen after its last row went, with a count of 0', () => {
    const partner = SPEC.facets[1] as (typeof SPEC.facets)[0];
    expect(facetOptions(ROWS, partner, 'Gone Agency')).toContainEqual({ value: 'Gone Agency', count: 0 });
    expect(facetOptions(ROWS, partner, 'Northwind').filter((o) => o.value === 'Northwind')).toEqual([
      { value: 'Northwind', count: 2 },
    ]);
  });

  it('says when a query leaves rows out', () => {
    expect(isFiltered(EMPTY_QUERY)).toBe(false);
    expect(isFiltered(query({ search: '  ' }))).toBe(false);
    expect(isFiltered(query({ sort: { key: 'code', direction: 'ascending' } }))).toBe(false);
    expect(isFiltered(query({ search: 'x' }))).toBe(true);
    expect(isFiltered(query({ filters: { status: 'Active' } }))).toBe(true);
  });
});

describe('table sorting', () => {
  it('sorts numbers as numbers and keeps empty values last in both directions', () => {
    const up = applyQuery(ROWS, query({ sort: { key: 'expires', direction: 'ascending' } }), SPEC);
    expect(up.map((r) => r.expires)).toEqual([5, 5, 30, 100, null]);
    const down = applyQuery(ROWS, query({ sort: { key: 'expires', direction: 'descending' } }), SPEC);
    expect(down.map((r) => r.expires)).toEqual([100, 30, 5, 5, null]);
  });

  it('keeps equal rows in their own order either way', () => {
    const up = applyQuery(ROWS, query({ sort: { key: 'expires', direction: 'ascending' } }), SPEC);
    const down = applyQuery(ROWS, query({ sort: { key: 'expires', direction: 'descending' } }), SPEC);
    expect(codes(up).slice(0, 2)).toEqual(['USLC4D5E6F', 'USLC7G8H9J']);
    expect(codes(down).slice(2, 4)).toEqual(['USLC4D5E6F', 'USLC7G8H9J']);
  });

  it('sorts text by the reader\u2019s collation, ignoring case and with digits as numbers', () => {
    const partners = applyQuery(ROWS, query({ sort: { key: 'partner', direction: 'ascending' } }), SPEC).map((r) => r.partner);
    expect(partners).toEqual(['contoso', 'Contoso', 'Northwind', 'Northwind', 'Zoë Ads']);
    const numbered = [
      { ...ROWS[0], code: 'A10' },
      { ...ROWS[0], code: 'A9' },
      { ...ROWS[0], code: 'A100' },
    ] as Row[];
    expect(codes(applyQuery(numbered, query({ sort: { key: 'code', direction: 'ascending' } }), SPEC))).toEqual([
      'A9',
      'A10',
      'A100',
    ]);
  });

  it('leaves the order alone for a column that does not sort, or one it does not know', () => {
    expect(codes(applyQuery(ROWS, query({ sort: { key: 'renewal', direction: 'ascending' } }), SPEC))).toEqual(codes(ROWS));
    expect(codes(applyQuery(ROWS, query({ sort: { key: 'gone', direction: 'descending' } }), SPEC))).toEqual(codes(ROWS));
  });

  it('sorts a header ascending first, then turns the order round on each click', () => {
    const first = nextSort(EMPTY_QUERY, 'code');
    expect(first).toEqual({ key: 'code', direction: 'ascending' });
    const second = nextSort(query({ sort: first }), 'code');
    expect(second).toEqual({ key: 'code', direction: 'descending' });
    expect(nextSort(query({ sort: second }), 'code')).toEqual(first);
    // A table that opens newest first turns to oldest first, never to an order no one chose.
    expect(nextSort(query({ sort: { key: 'expires', direction: 'descending' } }), 'expires')).toEqual({
      key: 'expires',
      direction: 'ascending',
    });
    expect(nextSort(query({ sort: second }), 'partner')).toEqual({ key: 'partner', direction: 'ascending' });
  });

  it('does not change the rows it is given', () => {
    const before = codes(ROWS);
    applyQuery(ROWS, query({ sort: { key: 'code', direction: 'descending' } }), SPEC);
    expect(codes(ROWS)).toEqual(before);
  });
});

describe('table counts', () => {
  it('says how many rows there are, and how many are shown when some are left out', () => {
    const noun = { one: 'authorization', many: 'authorizations' };
    expect(countText(12, 12, noun)).toBe('12 authorizations');
    expect(countText(1, 1, noun)).toBe('1 authorization');
    expect(countText(3, 12, noun)).toBe('Showing 3 of 12 authorizations');
    expect(countText(0, 1, noun)).toBe('Showing 0 of 1 authorization');
  });
});
