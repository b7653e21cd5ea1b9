import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { download } from '../download';
import {
  applyQuery,
  type Column,
  countText,
  EMPTY_QUERY,
  facetOptions,
  isFiltered,
  type Noun,
  nextSort,
  type TableQuery,
  type TableSpec,
} from './table-query';

/** A table's query state and the rows it keeps; `initialSort` is the order a person sees first. */
function useTableQuery<T>(rows: readonly T[], spec: TableSpec<T>, initialSort: TableQuery['sort']) {
  const [query, setQuery] = useState<TableQuery>({ ...EMPTY_QUERY, sort: initialSort });
  return { query, setQuery, rows: applyQuery(rows, query, spec) };
}

/** Search box, one select per facet and the count of rows shown, above a table. */
function TableControls<T>({
  id,
  noun,
  rows,
  shown,
  spec,
  query,
  setQuery,
  onExport,
}: {
  id: string;
  noun: Noun;
  rows: readonly T[];
  shown: number;
  spec: TableSpec<T>;
  query: TableQuery;
  setQuery: (q: TableQuery) => void;
  /** Saves the rows shown, in their order, as a CSV file. */
  onExport?: () => void;
}) {
  const setFilter = (key: string, value: string) => {
    const filters = { ...query.filters };
    if (value === '') delete filters[key];
    else filters[key] = value;
    setQuery({ ...query, filters });
  };
  return (
    <fieldset class="table-controls" data-testid={`${id}-controls`} aria-label={`Search and filter ${noun.many}`}>
      <input
        type="search"
        aria-label={`Search ${noun.many}`}
        placeholder="Search"
        value={query.search}
        onInput={(e) => setQuery({ ...query, search: (e.target as HTMLInputElement).value })}
      />
      {spec.facets.map((facet) => {
        const chosen = query.filters[facet.key] ?? '';
        const options = facetOptions(rows, facet, chosen);
        // A facet with one value or none filters nothing; it is shown only while it is set.
        if (options.length < 2 && chosen === '') return null;
        return (
          <label key={facet.key} class="facet">
            {facet.label}
            <select value={chosen} onChange={(e) => setFilter(facet.key, (e.target as HTMLSelectElement).value)}>
              <option value="">All ({rows.length})</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.value} ({o.count})
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <span class="muted" role="status" data-testid={`${id}-count`}>
        {countText(shown, rows.length, noun)}
      </span>
      {isFiltered(query) && (
        <button type="button" onClick={() => setQuery({ ...EMPTY_QUERY, sort: query.sort })}>
          Clear search and filters
        </button>
      )}
      {onExport && (
        <button type="button" disabled={shown === 0} onClick={onExport}>
          Export CSV ({shown})
        </button>
      )}
    </fieldset>
  );
}

const ARROW: Record<'ascending' | 'descending', string> = { ascending: 'M4 10 L8 5 L12 10', descending: 'M4 6 L8 11 L12 6' };

/** A column header; a sortable one is a button that says its order to screen readers (aria-sort). */
function SortHeader<T>({ column, query, setQuery }: { column: Column<T>; query: TableQuery; setQuery: (q: TableQuery) => void }) {
  if (!column.sortValue) return <th>{column.label}</th>;
  const direction = query.sort?.key === column.key ? query.sort.direction : undefined;
  return (
    <th aria-sort={direction ?? 'none'}>
      <button
        type="button"
        class="sort"
        title={`Sort by ${column.label.toLowerCase()}`}
        onClick={() => setQuery({ ...query, sort: nextSort(query, column.key) })}
      >
        {column.label}
        <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
          {direction ? (
            <path d={ARROW[direction]} fill="none" stroke="currentColor" stroke-width="2" />
          ) : (
            <path d="M5 6 L8 3 L11 6 M5 10 L8 13 L11 10" fill="none" stroke="currentColor" stroke-width="1.5" opacity="0.5" />
          )}
        </svg>
      </button>
    </th>
  );
}

/** The header row of a table whose columns come from its spec. */
function SortHeaders<T>({ spec, query, setQuery }: { spec: TableSpec<T>; query: TableQuery; setQuery: (q: TableQuery) => void }) {
  return (
    <tr>
      {spec.columns.map((c) => (
        <SortHeader key={c.key} column={c} query={query} setQuery={setQuery} />
      ))}
    </tr>
  );
}

/**
 * A table of records with its controls: search, filters, count, sortable headers, its rows, and a
 * line when the search and filters leave none.
 */
export function QueryTable<T>({
  id,
  noun,
  rows,
  spec,
  initialSort = null,
  row,
  csv,
}: {
  id: string;
  noun: Noun;
  rows: readonly T[];
  spec: TableSpec<T>;
  initialSort?: TableQuery['sort'];
  row: (item: T) => ComponentChildren;
  /** The table as a CSV file: what it shows, as filtered and sorted. */
  csv?: (rows: readonly T[]) => string;
}) {
  const table = useTableQuery(rows, spec, initialSort);
  const onExport = csv && (() => download(`${id}.csv`, csv(table.rows), 'text/csv;charset=utf-8'));
  return (
    <>
      <TableControls
        id={id}
        noun={noun}
        rows={rows}
        shown={table.rows.length}
        spec={spec}
        query={table.query}
        setQuery={table.setQuery}
        onExport={onExport}
      />
      <table data-testid={id}>
        <thead>
          <SortHeaders spec={spec} query={table.query} setQuery={table.setQuery} />
        </thead>
        <tbody>{table.rows.map(row)}</tbody>
      </table>
      {table.rows.length === 0 && <p class="empty">No {noun.one} matches the search and filters.</p>}
    </>
  );
}
