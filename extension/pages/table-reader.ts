import { normalizeText } from './dom-text';

/**
 * Finds a data table by the meaning of its column headers, whatever builds it: a real <table>, an
 * ARIA grid (role=columnheader/row/cell), or a UI kit that renders the header and the body as two
 * separate tables (fixed headers). Columns are found by header text, so their order may change.
 */

export interface ColumnSpec<K extends string> {
  key: K;
  header: RegExp;
}

export interface FoundTable<K extends string> {
  found: true;
  /** The element that holds the rows; watch it, re-read it after every change. */
  container: Element;
  columns: Partial<Record<K, number>>;
  missing: K[];
  rows(): Element[];
  /** The row's cells by column key, read once per row. */
  cells(row: Element): Partial<Record<K, Element>>;
}

export type TableLookup<K extends string> = FoundTable<K> | { found: false; tried: string[] };

const HEADER_CELLS = 'th, [role="columnheader"]';
const CELL_ROLES = new Set(['cell', 'gridcell', 'rowheader', 'columnheader']);

function cellsOf(row: Element): Element[] {
  return [...row.children].filter(
    (c) => c.tagName === 'TD' || c.tagName === 'TH' || CELL_ROLES.has(c.getAttribute('role') ?? ''),
  );
}

function headerRowOf(cell: Element): Element | null {
  return cell.closest('tr, [role="row"]');
}

function bodyRowsNear(headerRow: Element, width: number): Element[] {
  const isDataRow = (r: Element) => r !== headerRow && r.querySelector(HEADER_CELLS) === null && cellsOf(r).length >= width - 1;
  // Same table first, then a sibling table in the same wrapper (fixed-header layouts).
  let scope: Element | null = headerRow.closest('table, [role="table"], [role="grid"], [role="treegrid"]');
  for (let level = 0; scope && level < 5; level++, scope = scope.parentElement) {
    const rows = [...scope.querySelectorAll('tr, [role="row"]')].filter(isDataRow);
    if (rows.length > 0) return rows;
  }
  return [];
}

export function findTable<K extends string>(
  root: ParentNode,
  specs: readonly ColumnSpec<K>[],
  required: readonly K[],
): TableLookup<K> {
  const headerRows = new Set<Element>();
  for (const cell of root.querySelectorAll(HEADER_CELLS)) {
    const row = headerRowOf(cell);
    if (row) headerRows.add(row);
  }
  const tried: string[] = [];
  for (const headerRow of headerRows) {
    const headers = [...headerRow.querySelectorAll(HEADER_CELLS)].map((h) => normalizeText(h.textContent));
    const columns: Partial<Record<K, number>> = {};
    for (const spec of specs) {
      const index = headers.findIndex((text) => spec.header.test(text));
      if (index >= 0) columns[spec.key] = index;
    }
    const missing = specs.map((s) => s.key).filter((k) => columns[k] === undefined);
    if (required.some((k) => columns[k] === undefined)) {
      tried.push(`a table with columns "${headers.join(' | ').slice(0, 120)}"`);
      continue;
    }
    const width = headers.length;
    const container =
      headerRow.closest('table, [role="table"], [role="grid"], [role="treegrid"]')?.parentElement ??
      headerRow.parentElement ??
      headerRow;
    return {
      found: true,
      container,
      columns,
      missing,
      rows: () => bodyRowsNear(headerRow, width),
      cells: (row) => {
        const all = cellsOf(row);
        const out: Partial<Record<K, Element>> = {};
        for (const key of Object.keys(columns) as K[]) {
          const cell = all[columns[key] as number];
          if (cell) out[key] = cell;
        }
        return out;
      },
    };
  }
  if (headerRows.size === 0) tried.push('no table headers on the page');
  return { found: false, tried };
}

/** textContent, not innerText: reading 500 rows must not force a layout per cell. */
export function cellText(cell: Element | null | undefined): string {
  return cell ? normalizeText(cell.textContent) : '';
}
