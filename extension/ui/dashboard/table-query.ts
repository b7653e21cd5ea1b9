/**
 * Search, filters and sorting for the dashboard's tables, kept apart from the components so the
 * rules (every word must match, accents ignored, empty values last in either direction) are tested
 * without a browser.
 */

export type SortValue = string | number | null | undefined;

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by; columns without one are not sortable. */
  sortValue?: (row: T) => SortValue;
}

export interface Facet<T> {
  key: string;
  label: string;
  value: (row: T) => string | null | undefined;
}

export interface TableSpec<T> {
  /** What a person may search for in a row: codes, names, statuses. */
  searchText: (row: T) => (string | null | undefined)[];
  facets: Facet<T>[];
  columns: Column<T>[];
}

export interface TableQuery {
  search: string;
  /** Facet key -> the one value kept; a missing key keeps every row. */
  filters: Record<string, string>;
  sort: { key: string; direction: 'ascending' | 'descending' } | null;
}

export const EMPTY_QUERY: TableQuery = { search: '', filters: {}, sort: null };

/** Lower case without accents, so "Zoë" is found by "zoe". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function matchesSearch<T>(row: T, words: string[], spec: TableSpec<T>): boolean {
  if (words.length === 0) return true;
  const haystack = fold(
    spec
      .searchText(row)
      .filter((v): v is string => typeof v === 'string' && v !== '')
      .join(' \u0000 '),
  );
  return words.every((w) => haystack.includes(w));
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

const isEmpty = (v: SortValue) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));

/** The rows a query keeps, in its order (the rows' own order when it names no sortable column). */
export function applyQuery<T>(rows: readonly T[], query: TableQuery, spec: TableSpec<T>): T[] {
  const words = fold(query.search).split(/\s+/).filter(Boolean);
  const facets = spec.facets.filter((f) => query.filters[f.key] !== undefined);
  const kept = rows.filter(
    (row) => matchesSearch(row, words, spec) && facets.every((f) => (f.value(row) ?? '') === query.filters[f.key]),
  );
  const column = query.sort && spec.columns.find((c) => c.key === query.sort?.key);
  if (!column?.sortValue || !query.sort) return kept;
  const sign = query.sort.direction === 'ascending' ? 1 : -1;
  const value = column.sortValue;
  // Decorated so each value is computed once; the index keeps equal rows in their own order.
  return kept
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const emptyA = isEmpty(a.key);
      const emptyB = isEmpty(b.key);
      if (emptyA || emptyB) return emptyA === emptyB ? a.index - b.index : emptyA ? 1 : -1;
      return sign * compare(a.key, b.key) || a.index - b.index;
    })
    .map((d) => d.row);
}

/**
 * A facet's values with how many rows hold each, most common first; rows without one are left out.
 * The value chosen is offered even when no row holds it any more (count 0), so the filter still
 * says what it keeps.
 */
export function facetOptions<T>(rows: readonly T[], facet: Facet<T>, chosen?: string): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  if (chosen) counts.set(chosen, 0);
  for (const row of rows) {
    const v = facet.value(row);
    if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
}

/** Clicking a header: sort by it ascending; clicking it again turns the order round. */
export function nextSort(query: TableQuery, key: string): TableQuery['sort'] {
  if (query.sort?.key !== key) return { key, direction: 'ascending' };
  return { key, direction: query.sort.direction === 'ascending' ? 'descending' : 'ascending' };
}

export function isFiltered(query: TableQuery): boolean {
  return query.search.trim() !== '' || Object.keys(query.filters).length > 0;
}

export interface Noun {
  one: string;
  many: string;
}

/** "Showing 3 of 12 authorizations", or "12 authorizations" when nothing is left out. */
export function countText(shown: number, total: number, noun: Noun): string {
  const word = total === 1 ? noun.one : noun.many;
  return shown === total ? `${total} ${word}` : `Showing ${shown} of ${total} ${word}`;
}
