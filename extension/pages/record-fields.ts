import type { DateOrder } from '../../shared/page-dates';
import { WordList } from '../../shared/page-words';
import { readStatus } from '../../shared/statuses';
import { type RecordSet, recordCell, recordCells, type ValueKind, valueKind } from './record-sets';
import { boundedText, type Piece, textPieces } from './text-pieces';
import type { FieldShape, FieldSpec, PageVocabulary } from './vocabulary/vocabulary';

/**
 * Reads the fields of a page's records by the header or label that names them, by `data-tid`, and
 * by the shape of their values, with one page's vocabulary. Table-like lists are planned once
 * (which column is which field); cards and label/value blocks are read record by record.
 */

export interface ReadRecord<K extends string> {
  /** Each field's text, read with element boundaries. */
  values: Partial<Record<K, string>>;
  /** The element each field was read from, inside the record: where a badge for it goes. */
  elements: Partial<Record<K, Element>>;
  /** How many of its fields a label inside the record named (cards, lists, `<dl>`). */
  labelled?: number;
}

const ACTIONS = new WordList(['action', 'actions', 'operation', 'operations', 'operate', 'manage', 'more', 'options']);

interface Words<K extends string> {
  labelOf(text: string): K | undefined;
  tidOf(el: Element): K | undefined;
}

const wordsCache = new WeakMap<PageVocabulary<string>, Words<string>>();

function wordsOf<K extends string>(vocabulary: PageVocabulary<K>): Words<K> {
  const cached = wordsCache.get(vocabulary as PageVocabulary<string>);
  if (cached) return cached as Words<K>;
  const lists = vocabulary.fields.map((field) => ({ key: field.key, words: new WordList(field.labels) }));
  const tids = vocabulary.fields.flatMap((field) => (field.tids ?? []).map((tid) => ({ key: field.key, tid })));
  const words: Words<K> = {
    labelOf: (text) => lists.find((list) => list.words.has(text))?.key,
    tidOf(el) {
      const tidded = el.closest('[data-tid]') ?? el.querySelector('[data-tid]');
      const value = tidded?.getAttribute('data-tid')?.toLowerCase();
      if (!value) return undefined;
      // The last segment names the field: "services.list.expire_time".
      const last = value.split(/[.:/]/).pop() ?? value;
      return tids.find((t) => last.includes(t.tid))?.key;
    },
  };
  wordsCache.set(vocabulary as PageVocabulary<string>, words as Words<string>);
  return words;
}

const joinPieces = (pieces: readonly Piece[]) => pieces.map((p) => p.text).join(' ');

/** Which field shape a value kind can fill. */
function fits(shape: FieldShape, kind: ValueKind | 'text'): boolean {
  if (shape === 'period') return kind === 'period' || kind === 'date';
  if (shape === 'date') return kind === 'date' || kind === 'period';
  if (shape === 'title' || shape === 'text') return kind === 'text';
  return shape === kind;
}

export interface FieldPlan<K extends string> {
  vocabulary: PageVocabulary<K>;
  /** Column index per field, for lists with a header row; empty otherwise. */
  columns: Partial<Record<K, number>>;
  /** Header texts that named one of this page's fields. */
  namedColumns: number;
  read(record: Element): ReadRecord<K>;
}

/** How to read `set`'s records as this page's fields. */
export function planFields<K extends string>(set: RecordSet, vocabulary: PageVocabulary<K>, order: DateOrder): FieldPlan<K> {
  const words = wordsOf(vocabulary);
  const kindOf = (text: string): ValueKind | 'text' => {
    const kind = valueKind(text, order, [vocabulary.statusKind]);
    return kind ?? 'text';
  };
  if (set.header) return planColumns(set, vocabulary, words, kindOf);
  return {
    vocabulary,
    columns: {},
    namedColumns: 0,
    read: (record) => readLabelled(record, vocabulary, words, kindOf),
  };
}

function planColumns<K extends string>(
  set: RecordSet,
  vocabulary: PageVocabulary<K>,
  words: Words<K>,
  kindOf: (text: string) => ValueKind | 'text',
): FieldPlan<K> {
  const labels = set.header?.labels ?? [];
  const sample = set.records().slice(0, 12).map(recordCells);
  const columns: Partial<Record<K, number>> = {};
  const taken = new Set<number>();
  const take = (key: K, index: number) => {
    if (columns[key] !== undefined || taken.has(index)) return;
    columns[key] = index;
    taken.add(index);
  };
  let namedColumns = 0;
  labels.forEach((label, index) => {
    if (ACTIONS.has(label)) taken.add(index);
    const key = words.labelOf(label);
    if (key !== undefined) {
      namedColumns++;
      take(key, index);
    }
  });
  const firstRow = sample[0] ?? [];
  firstRow.forEach((cell, index) => {
    const key = words.tidOf(cell);
    if (key !== undefined) take(key, index);
  });
  // Columns no header names: by the shape most of their values have.
  const shapes = labels.map((_, index) => {
    const counts = new Map<ValueKind | 'text', number>();
    for (const row of sample) {
      const cell = row[index];
      const text = cell ? joinPieces(textPieces(cell)) : '';
      if (!text) continue;
      const kind = kindOf(text);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  });
  const open = (kind: ValueKind | 'text') => shapes.map((s, i) => (s === kind && !taken.has(i) ? i : -1)).filter((i) => i >= 0);
  for (const field of vocabulary.fields) {
    if (columns[field.key] !== undefined) continue;
    const preferred: (ValueKind | 'text')[] =
      field.shape === 'period'
        ? ['period', 'date']
        : field.shape === 'title' || field.shape === 'text'
          ? ['text']
          : [field.shape];
    for (const kind of preferred) {
      const free = open(kind);
      // A period-shaped field (an expiry) takes the last date column: expiries come after start dates.
      const index = field.shape === 'period' ? free.at(-1) : free[0];
      if (index !== undefined && fits(field.shape, kind)) {
        take(field.key, index);
        break;
      }
    }
  }
  const planned = Object.entries(columns) as [K, number][];
  return {
    vocabulary,
    columns,
    namedColumns,
    read(record) {
      const values: Partial<Record<K, string>> = {};
      const elements: Partial<Record<K, Element>> = {};
      for (const [key, index] of planned) {
        const cell = recordCell(record, index);
        if (!cell) continue;
        values[key] = boundedText(cell);
        elements[key] = cell;
      }
      findInsideCells(record, vocabulary.fields, values, elements, kindOf);
      return { values, elements };
    },
  };
}

/**
 * A code or an id shown inside another column's cell (a shop code under the shop's name) is still
 * the record's code: found as a piece of its own, and taken out of the cell it shares.
 */
function findInsideCells<K extends string>(
  record: Element,
  fields: readonly FieldSpec<K>[],
  values: Partial<Record<K, string>>,
  elements: Partial<Record<K, Element>>,
  kindOf: (text: string) => ValueKind | 'text',
): void {
  const wanted = fields.filter((f) => (f.shape === 'code' || f.shape === 'id') && values[f.key] === undefined);
  if (wanted.length === 0) return;
  for (const piece of textPieces(record)) {
    const field = wanted.find((f) => values[f.key] === undefined && kindOf(piece.text) === f.shape);
    if (!field) continue;
    for (const key of Object.keys(values) as K[]) {
      const text = values[key] as string;
      if (text.includes(piece.text)) values[key] = text.replace(piece.text, ' ').replace(/\s+/g, ' ').trim();
    }
    values[field.key] = piece.text;
    elements[field.key] = piece.element;
  }
}

const SEPARATOR = /^(~|\uFF5E|-|\u2013|\u2014|to)$/i;

/**
 * A card, list item or `<dl>`: labels name the values after them ("Expiry date" then its date, or
 * "Expiry date: ..." in one line); the unlabelled first line is the record's title; other unlabelled
 * values are placed by their shape.
 */
function readLabelled<K extends string>(
  record: Element,
  vocabulary: PageVocabulary<K>,
  words: Words<K>,
  kindOf: (text: string) => ValueKind | 'text',
): ReadRecord<K> {
  const values: Partial<Record<K, string>> = {};
  const elements: Partial<Record<K, Element>> = {};
  const pieces = textPieces(record);
  const leftovers: Piece[] = [];
  let labelled = 0;
  const set = (key: K, text: string, element: Element) => {
    if (values[key] !== undefined) return false;
    values[key] = text;
    elements[key] = element;
    return true;
  };
  let current: K | null | 'unknown' = null;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const label = words.labelOf(piece.text);
    if (label !== undefined && values[label] === undefined) {
      current = label;
      labelled++;
      continue;
    }
    const inline = /^([^:\uFF1A]{1,40})[:\uFF1A]\s*(.+)$/.exec(piece.text);
    const inlineKey = inline ? words.labelOf(inline[1] as string) : undefined;
    if (inline && inlineKey !== undefined) {
      if (set(inlineKey, inline[2] as string, piece.element)) labelled++;
      current = null;
      continue;
    }
    if (inline && inlineKey === undefined && kindOf(inline[2] as string) !== 'text' && !/\d/.test(inline[1] as string)) {
      // A label nobody listed ("Window: 2026-01-01 ~ 2026-12-31"): the value is placed by its shape.
      leftovers.push({ text: inline[2] as string, element: piece.element });
      current = null;
      continue;
    }
    if (/[:\uFF1A]$/.test(piece.text) && piece.text.length <= 40) {
      current = 'unknown';
      continue;
    }
    if (current !== null && current !== 'unknown') {
      let text = piece.text;
      // "2026-01-01", "~", "2026-12-31" in three spans are one period.
      const next = pieces[i + 1];
      const after = pieces[i + 2];
      if (next && after && SEPARATOR.test(next.text)) {
        text = `${text} ${next.text} ${after.text}`;
        i += 2;
      }
      set(current, text, piece.element);
      current = null;
      continue;
    }
    if (current === 'unknown') {
      current = null;
      continue;
    }
    leftovers.push(piece);
  }
  placeByShape(leftovers, vocabulary.fields, values, kindOf, set);
  return { values, elements, labelled };
}

function placeByShape<K extends string>(
  leftovers: Piece[],
  fields: readonly FieldSpec<K>[],
  values: Partial<Record<K, string>>,
  kindOf: (text: string) => ValueKind | 'text',
  set: (key: K, text: string, element: Element) => boolean,
): void {
  for (let i = 0; i < leftovers.length; i++) {
    const piece = leftovers[i] as Piece;
    let text = piece.text;
    const next = leftovers[i + 1];
    const after = leftovers[i + 2];
    if (next && after && SEPARATOR.test(next.text) && kindOf(text) === 'date') {
      text = `${text} ${next.text} ${after.text}`;
      i += 2;
    }
    const kind = kindOf(text);
    if (kind === 'text' && (text.length > 80 || ACTIONS.has(text))) continue;
    // A period-shaped field takes the last date; others the first that fits.
    const candidates = fields.filter((f) => values[f.key] === undefined && fits(f.shape, kind));
    const periodField = candidates.find((f) => f.shape === 'period');
    const laterDate = kind === 'date' && leftovers.slice(i + 1).some((p) => kindOf(p.text) === 'date');
    const field = periodField && !laterDate ? periodField : (candidates.find((f) => f.shape !== 'period') ?? periodField);
    if (field) set(field.key, text, piece.element);
  }
}

/** Whether a read status is one of this page's words. */
export function knownStatus<K extends string>(vocabulary: PageVocabulary<K>, text: string | undefined): boolean {
  return text !== undefined && readStatus(vocabulary.statusKind, text).known;
}
