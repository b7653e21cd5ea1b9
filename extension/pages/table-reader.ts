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
  /** The row of column headers; while it stays in place and unchanged, so do the columns. */
  headerRow: Element;
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
  if (row instanceof HTMLTableRowElement) return [...row.cells];
  return [...row.children].filter(
    (c) => c.tagName === 'TD' || c.tagName === 'TH' || CELL_ROLES.has(c.getAttribute('role') ?? ''),
  );
}

function headerRowOf(cell: Element): Element | null {
  return cell.closest('tr, [role="row"]');
}

function isHeaderCell(cell: Element | undefined): boolean {
  return cell !== undefined && (cell.tagName === 'TH' || cell.getAttribute('role') === 'columnheader');
}

const TABLE = 'table, [role="table"], [role="grid"], [role="treegrid"]';

/**
 * The data rows that belong to a header row. Runs for every batch of page changes, so it reads
 * children and the table's own row lists, never a selector per row.
 */
function bodyRowsNear(headerRow: Element, width: number): Element[] {
  const own = headerRow.closest(TABLE);
  const rowsOf = (table: Element): Element[] =>
    table instanceof HTMLTableElement
      ? [...table.tBodies].flatMap((body) => [...body.rows])
      : [...table.querySelectorAll('[role="row"]')].filter(
          (r) => r !== headerRow && !isHeaderCell(r.firstElementChild ?? undefined),
        );
  const ownRows = own ? rowsOf(own) : [];
  if (ownRows.length > 0) return ownRows;
  // Fixed-header layouts put the body in a sibling table: the nearest one whose rows are as wide.
  let scope: Element | null = own?.parentElement ?? headerRow.parentElement;
  for (let level = 0; scope && level < 4; level++, scope = scope.parentElement) {
    for (const table of scope.querySelectorAll(TABLE)) {
      if (table === own) continue;
      const rows = rowsOf(table).filter((r) => cellsOf(r).length >= width - 1);
      if (rows.length > 0) return rows;
    }
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
      headerRow,
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
