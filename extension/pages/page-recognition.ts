import type { DateOrder } from '../../shared/page-dates';
import { normalizeWords } from '../../shared/page-words';
import type { StatusKind } from '../../shared/statuses';
import { recognitionMemo } from './recognition-memo';
import { type FieldPlan, knownStatus, planFields, type ReadRecord } from './record-fields';
import { findRecordSet, type RecordSet } from './record-sets';
import { pageHinted } from './vocabulary/list-hints';
import type { PageVocabulary } from './vocabulary/vocabulary';

/**
 * Which list page this is, by its content: the page whose vocabulary explains the records best
 * (their status words, the fields their headers or labels name, the kinds of value they hold). The
 * route and the heading are hints: they lower what the content must show, and they make a page
 * that matches nothing "unavailable" instead of "not here".
 */

export type Recognition<K extends string> =
  | { state: 'match'; set: RecordSet; plan: FieldPlan<K>; score: number }
  | { state: 'maybe'; tried: string[] }
  | { state: 'no'; why: string };

interface Reading {
  set: RecordSet | null;
  results: Map<PageVocabulary<string>, Recognition<string>>;
}

export interface RecognitionScope {
  doc: Document;
  url: URL;
  order: DateOrder;
  /** Every list page a content script knows: they compete for the records. */
  vocabularies: readonly PageVocabulary<string>[];
  /** Whether the last reading still holds: nothing changed outside its list since. */
  unchangedOutside(container: Element): boolean;
  /** The page's change count now (watch-page's domGeneration). */
  generation: number;
}

const readings = recognitionMemo<{ key: string; generation: number; reading: Reading }>();

const SAMPLE = 10;

/** Status words any list of anything may show (orders, products): alone they prove no page. */
const GENERIC_STATUS = new Set([
  'active',
  'completed',
  'closed',
  'pending',
  'approved',
  'expired',
  'rejected',
  'declined',
  'canceled',
  'removed',
]);

function score<K extends string>(
  set: RecordSet,
  vocabulary: PageVocabulary<K>,
  order: DateOrder,
  hint: boolean,
): { plan: FieldPlan<K>; score: number; complete: number; why: string } {
  const plan = planFields(set, vocabulary, order);
  const sample: ReadRecord<K>[] = set.records().slice(0, SAMPLE).map(plan.read);
  const statusField = vocabulary.fields.find((f) => f.shape === 'status')?.key;
  const required = hint ? vocabulary.requiredWithHint : vocabulary.required;
  const has = (record: ReadRecord<K>, key: K) =>
    key === statusField && !hint ? knownStatus(vocabulary, record.values[key]) : Boolean(record.values[key]?.trim());
  const complete = sample.filter((r) => required.every((key) => has(r, key))).length / Math.max(1, sample.length);
  const statuses = statusField
    ? sample.filter((r) => knownStatus(vocabulary, r.values[statusField])).length / Math.max(1, sample.length)
    : 0;
  const shapes = new Set(vocabulary.fields.flatMap((f) => (f.shape === 'period' ? ['period', 'date'] : [f.shape])));
  const explained = [...set.kinds].filter((k) => shapes.has(k)).length / Math.max(1, set.kinds.size);
  const named = plan.namedColumns / Math.max(1, set.header?.labels.length ?? 1);
  const missing = required.filter((key) => !sample.some((r) => has(r, key)));
  // Without a hint, shapes alone are not enough: an order list has titles, dates and "Completed" too. The
  // page must also name two of this page's fields in its headers or labels, show whole periods, or use a
  // status word only this page uses ("Partner reviewing", "Authorization Canceled").
  const namedFields = set.header ? plan.namedColumns : Math.max(0, ...sample.map((r) => r.labelled ?? 0));
  const distinctive =
    statusField !== undefined &&
    sample.some(
      (r) => knownStatus(vocabulary, r.values[statusField]) && !GENERIC_STATUS.has(normalizeWords(r.values[statusField] ?? '')),
    );
  const vouched = hint || namedFields >= 2 || set.kinds.has('period') || distinctive;
  return {
    plan,
    complete: vouched ? complete : 0,
    score: complete * 2 + statuses + explained + named + (hint ? 0.5 : 0),
    why: !vouched
      ? `headers or labels name fewer than two ${vocabulary.pageName} fields`
      : missing.length
        ? `records without ${missing.join(', ')}`
        : `only ${Math.round(complete * 100)}% of records complete`,
  };
}

function read(scope: RecognitionScope, statusKinds: readonly StatusKind[]): Reading {
  const { doc, url, order, vocabularies } = scope;
  const results = new Map<PageVocabulary<string>, Recognition<string>>();
  const body = doc.body;
  const set = body ? findRecordSet(body, order, statusKinds) : null;
  const scored = set
    ? vocabularies.map((v) => ({
        vocabulary: v,
        hint: pageHinted(v, url, doc),
        ...score(set, v, order, pageHinted(v, url, doc)),
      }))
    : [];
  const winner = scored.filter((s) => s.complete >= 0.5).sort((a, b) => b.score - a.score)[0];
  for (const vocabulary of vocabularies) {
    const mine = scored.find((s) => s.vocabulary === vocabulary);
    if (set && winner && winner.vocabulary === vocabulary) {
      results.set(vocabulary, { state: 'match', set, plan: winner.plan, score: winner.score });
    } else if (pageHinted(vocabulary, url, doc) && !winner) {
      const tried = set
        ? [`a list of ${set.records().length} records holding ${[...set.kinds].join(', ')}: ${mine?.why ?? 'not read'}`]
        : ['no repeated records with dates, periods, status words, codes or ids on the page'];
      results.set(vocabulary, { state: 'maybe', tried: [`looked for ${vocabulary.pageName} records`, ...tried] });
    } else {
      results.set(vocabulary, {
        state: 'no',
        why: winner ? `the page is ${winner.vocabulary.pageName}` : 'no list of its records',
      });
    }
  }
  return { set, results };
}

/**
 * What this page is for one vocabulary. Worked out once per batch of page changes for every helper,
 * and kept across batches while the changes stay inside the list it found.
 */
export function recognise<K extends string>(scope: RecognitionScope, vocabulary: PageVocabulary<K>): Recognition<K> {
  const statusKinds = [...new Set(scope.vocabularies.map((v) => v.statusKind))];
  const key = `${scope.url.href}|${scope.order}`;
  const last = readings.get(scope.doc);
  let reading = last?.key === key ? last.reading : undefined;
  const set = reading?.set;
  // Nothing changed since it was read (another helper asking, a timer's recheck), or only inside its list.
  const stillHolds =
    last?.generation === scope.generation ||
    (set?.container.isConnected && (!set.header || set.header.element.isConnected) && scope.unchangedOutside(set.container));
  if (!stillHolds || !reading) reading = read(scope, statusKinds);
  readings.set(scope.doc, { key, generation: scope.generation, reading });
  return (reading.results.get(vocabulary as PageVocabulary<string>) ?? { state: 'no', why: 'not asked' }) as Recognition<K>;
}
