import { type DateOrder, dateShape } from '../../shared/page-dates';
import { normalizeWords } from '../../shared/page-words';
import { SHOP_CODE_PATTERN } from '../../shared/shop-code';
import { isStatusWord, type StatusKind } from '../../shared/statuses';
import { type Piece, textPieces } from './text-pieces';

/**
 * Finds the repeated record blocks of a list page, whatever markup builds them: table rows, ARIA
 * rows, list items, cards, `<dl>` groups, label/value grids. Records are found by the values they
 * hold (status words, dates, periods, shop codes, ids): the parent whose children each hold the same
 * kinds of value, as many children as possible, is the list, and those children are the records.
 */

export type ValueKind = 'status' | 'date' | 'period' | 'code' | 'id';

export interface HeaderRow {
  element: Element;
  /** Each column's header text, by the index of the cell under it. */
  labels: string[];
}

export interface RecordSet {
  /** The element whose children are the records. */
  container: Element;
  /** The records as they are now: the container's children built like the records first found. */
  records(): Element[];
  header: HeaderRow | null;
  /** The kinds of value each record holds (the most common set). */
  kinds: ReadonlySet<ValueKind>;
}

export interface PieceKind {
  kind: ValueKind | null;
}

const ID = /^\d{10,25}$/;

/** What a piece of page text is by its shape: a value the records are found by, or nothing. */
export function valueKind(text: string, order: DateOrder, statusKinds: readonly StatusKind[]): ValueKind | null {
  if (text.length > 120) return null;
  const kind = kindOfValue(text, order, statusKinds);
  if (kind) return kind;
  // "Expiry date: 2026-12-31" in one line: the value after a label without digits (times have colons too).
  const inline = /^([^:\uFF1A\d]{1,40})[:\uFF1A]\s*(.+)$/.exec(text);
  return inline ? kindOfValue(inline[2] as string, order, statusKinds) : null;
}

function kindOfValue(value: string, order: DateOrder, statusKinds: readonly StatusKind[]): ValueKind | null {
  if (/\d/.test(value)) {
    const shape = dateShape(value, order);
    if (shape) return shape;
    if (ID.test(value)) return 'id';
  }
  if (value.length >= 10 && value.length <= 13 && SHOP_CODE_PATTERN.test(value)) return 'code';
  if (value.length <= 40 && isStatusWord(value, statusKinds)) return 'status';
  return null;
}

const CELL_TAGS = new Set(['TD', 'TH', 'DT', 'DD']);
const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader']);
const ROW_LIKE = 'tr, [role="row"], li, [role="listitem"], article, [role="article"]';

function isCell(el: Element): boolean {
  return CELL_TAGS.has(el.tagName) || CELL_ROLES.has(el.getAttribute('role') ?? '');
}

/** Rows hold cells; cells and the parts of one label/value pair are never records. */
function isRowOfCells(el: Element): boolean {
  return el.tagName === 'TR' || el.getAttribute('role') === 'row' || el.tagName === 'DL';
}

interface Candidate {
  parent: Element;
  /** Children holding values, with the kinds each holds. */
  children: Map<Element, Set<ValueKind>>;
}

/**
 * The record blocks of the page under `root`. `statusKinds` are the status vocabularies the
 * helpers on this page speak; `order` reads numeric dates the way the host writes them.
 */
export function findRecordSet(root: Element, order: DateOrder, statusKinds: readonly StatusKind[]): RecordSet | null {
  const pieces = textPieces(root);
  const anchors: { piece: Piece; kind: ValueKind }[] = [];
  for (const piece of pieces) {
    const kind = valueKind(piece.text, order, statusKinds);
    if (kind) anchors.push({ piece, kind });
  }
  if (anchors.length === 0) return null;
  const candidates = new Map<Element, Candidate>();
  for (const { piece, kind } of anchors) {
    let child: Element = piece.element;
    for (let parent = child.parentElement; parent && child !== root; child = parent, parent = parent.parentElement) {
      let candidate = candidates.get(parent);
      if (!candidate) {
        candidate = { parent, children: new Map() };
        candidates.set(parent, candidate);
      }
      let kinds = candidate.children.get(child);
      if (!kinds) {
        kinds = new Set();
        candidate.children.set(child, kinds);
      }
      kinds.add(kind);
    }
  }
  // Every element that holds a row of values (a table row, an ARIA row) above it: one set, built once,
  // so the check below is a lookup, not a search of every row for every candidate.
  const aboveValueRows = new Set<Element>();
  for (const c of candidates.values()) {
    for (const row of c.children.keys()) {
      if (!isRowOfCells(row)) continue;
      for (let up = row.parentElement; up && !aboveValueRows.has(up); up = up.parentElement) aboveValueRows.add(up);
    }
  }
  let best: { candidate: Candidate; signature: string; count: number; kinds: number; score: number } | null = null;
  for (const candidate of candidates.values()) {
    if (isRowOfCells(candidate.parent) || candidate.parent.tagName === 'DL') continue;
    const rows = [...candidate.children].filter(([child]) => !isCell(child)).map(([, kinds]) => kinds);
    const signatures = new Set(rows.map((kinds) => [...kinds].sort().join('+')));
    for (const signature of signatures) {
      const wanted = signature.split('+') as ValueKind[];
      // A record may hold more than the others (a date only some rows show, "-" in the rest): it
      // is still one of them. Counting exact matches only split such a list into lists of one.
      const count = rows.filter((kinds) => holdsAll(kinds, wanted)).length;
      const kinds = wanted.length;
      const homogeneous = count / candidate.children.size;
      // Field containers (a card's label/value lines) hold one kind each and mix them: not records.
      if (count >= 2 && kinds < 2 && homogeneous < 0.8) continue;
      if (count >= 2 && kinds < 2 && isFieldLines(candidate, signature)) continue;
      // A table of one row inside a page that shows an id elsewhere (a top bar): the page around
      // both holds one kind more than the row, but a record never holds a table's rows.
      if (count === 1 && holdsValueRow(candidate, wanted, aboveValueRows)) continue;
      const score = count * kinds;
      const better =
        !best ||
        score > best.score ||
        // On a tie the deeper list wins: its records are tighter around their values.
        (score === best.score && best.candidate.parent.contains(candidate.parent));
      if (better) best = { candidate, signature, count, kinds, score };
    }
  }
  if (!best) return null;
  const { candidate, signature } = best;
  const wanted = signature.split('+') as ValueKind[];
  const members = [...candidate.children].filter(([child, kinds]) => !isCell(child) && holdsAll(kinds, wanted));
  let records = members.map(([child]) => child);
  let container = candidate.parent;
  if (records.length === 1) {
    // One record: widen it to its row, item or card so its title line and labels come with it.
    const single = widenSingle(records[0] as Element, root);
    records = [single];
    container = single.parentElement ?? container;
  }
  const first = records[0] as Element;
  const tag = first.tagName;
  const role = first.getAttribute('role');
  const kinds = new Set(signature.split('+') as ValueKind[]);
  const header = findHeader(container, records, root);
  return {
    container,
    header,
    kinds,
    // Runs on every batch of a re-render storm: a plain loop over the children, no selector.
    records: () => {
      const out: Element[] = [];
      for (let el = container.firstElementChild; el; el = el.nextElementSibling) {
        if (el.tagName !== tag || el.getAttribute('role') !== role) continue;
        if (header && (el === header.element || el.contains(header.element))) continue;
        out.push(el);
      }
      return out;
    },
  };
}

/** Children that each hold one value after a label are the lines of one record, not records. */
function isFieldLines(candidate: Candidate, signature: string): boolean {
  let lines = 0;
  let checked = 0;
  for (const [child, kinds] of candidate.children) {
    if ([...kinds].join('+') !== signature || checked >= 3) continue;
    checked++;
    const pieces = textPieces(child);
    if (pieces.length <= 3 && pieces.length >= 2 && !/\d/.test((pieces[0] as Piece).text)) lines++;
  }
  return lines === checked && checked > 0;
}

function widenSingle(record: Element, root: Element): Element {
  const rowLike = record.closest(ROW_LIKE);
  if (rowLike && root.contains(rowLike) && rowLike !== root) return rowLike;
  let block = record;
  const own = textPieces(block).length;
  for (let parent = block.parentElement; parent && parent !== root && parent.tagName !== 'BODY'; parent = parent.parentElement) {
    // A card's title line is one or two pieces more; a whole page section is many more.
    if (textPieces(parent).length > own + 2 || isRowOfCells(parent)) break;
    block = parent;
  }
  return block;
}

function cellsOfRow(row: Element): Element[] {
  if (row.tagName === 'TR') return [...(row as HTMLTableRowElement).cells];
  let el = row;
  // A row built as <div role="row"><div><div>cell</div>...: go down single wrappers to the cells.
  for (let depth = 0; depth < 3 && el.children.length === 1; depth++) el = el.children[0] as Element;
  return [...el.children];
}

export function recordCells(record: Element): Element[] {
  return cellsOfRow(record);
}

/** One cell of a record by column index, without listing the others. */
export function recordCell(record: Element, index: number): Element | undefined {
  if (record.tagName === 'TR') return (record as HTMLTableRowElement).cells[index] ?? undefined;
  let el = record;
  for (let depth = 0; depth < 3 && el.children.length === 1; depth++) el = el.children[0] as Element;
  return el.children[index] ?? undefined;
}

/** A row's cells that say what the columns are: header words, no values. */
function headerLabels(row: Element, width: number): string[] | null {
  const cells = cellsOfRow(row);
  if (cells.length < 2 || Math.abs(cells.length - width) > 1) return null;
  const labels = cells.map((cell) =>
    normalizeWords(
      textPieces(cell)
        .map((p) => p.text)
        .join(' '),
    ),
  );
  const named = labels.filter((l) => l.length > 0 && l.length <= 40 && !/\d{3,}/.test(l)).length;
  return named >= Math.min(2, cells.length) ? labels : null;
}

/**
 * The header row of a table-like list: a `thead` row, a first row of header words written as
 * cells, an ARIA header row, or (fixed headers) a row of a table just before the records' own.
 */
function findHeader(container: Element, records: Element[], root: Element): HeaderRow | null {
  const first = records[0] as Element;
  const width = cellsOfRow(first).length;
  if (width < 2) return null;
  const before = (el: Element) => (el.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const isRecord = new Set(records);
  let scope: Element | null = container;
  for (let level = 0; scope && level < 5; level++, scope = scope.parentElement) {
    const rows = [...scope.querySelectorAll('tr, [role="row"]')];
    if (level === 0) rows.unshift(...[...container.children].filter((c) => !isRecord.has(c)));
    let found: HeaderRow | null = null;
    for (const row of rows) {
      if (isRecord.has(row) || !before(row) || row.contains(first)) continue;
      const labels = headerLabels(row, width);
      // The nearest header before the records is theirs.
      if (labels) found = { element: row, labels };
    }
    if (found) return found;
    if (scope === root) break;
  }
  return null;
}

/** A row is one of the list's records when it holds every kind of value the list's records share. */
function holdsAll(kinds: ReadonlySet<ValueKind>, wanted: readonly ValueKind[]): boolean {
  return wanted.every((kind) => kinds.has(kind));
}

function holdsValueRow(candidate: Candidate, wanted: readonly ValueKind[], aboveValueRows: ReadonlySet<Element>): boolean {
  for (const [child, kinds] of candidate.children) {
    if (!isCell(child) && holdsAll(kinds, wanted) && aboveValueRows.has(child)) return true;
  }
  return false;
}
