import type { BadgeView } from '../../shared/authorization-badge';
import type { Shop } from '../../shared/schemas';
import { isEmptyListPage } from '../pages/empty-list';
import { type Completeness, listCompleteness } from '../pages/list-completeness';
import { recogniseList } from '../pages/list-pages';
import type { FieldPlan } from '../pages/record-fields';
import { SELLER_CENTER_LISTS } from '../pages/vocabulary';
import type { PageVocabulary } from '../pages/vocabulary/vocabulary';
import type { PanelLine } from '../ui/HelperPanel';
import { createRowBadge, renderRowBadge } from '../ui/row-badge';
import { ShadowOverlay } from '../ui/shadow-host';
import type { Feature } from './feature';
import { listHelperUnavailable } from './list-helper-names';
import { asApplied, EMPTY_UNCONFIRMED, settledApply } from './list-loss';
import { currentShop } from './page-shop';
import { outlineOfSellerCenter } from './seller-outline';
import { watchPage } from './watch-page';

const SAVE_DELAY_MS = 300;

export interface SaveOutcome {
  lines: PanelLine[];
  /** Per row key, a badge the save itself decided (a status change since the last visit, say). */
  marks?: ReadonlyMap<string, BadgeView>;
}

/** A helper that reads the records of one kind of Seller Center list page, badges them and keeps them. */
export interface ListPageSpec<K extends string, Row> {
  id: string;
  vocabulary: PageVocabulary<K>;
  toRow(values: Partial<Record<K, string>>): Row | null;
  rowKey(row: Row): string;
  badge?: { field: K; view(row: Row, marks: ReadonlyMap<string, BadgeView>): BadgeView | null };
  /** Runs once per page visit, before the first read (settings, say). */
  prepare?(): Promise<void>;
  /** `completeness`: whether the list shows every record; only then may the save mark anything gone. */
  save(rows: Row[], shop: Shop | null, page: URL, completeness: Completeness): Promise<SaveOutcome>;
}

interface PlacedBadge {
  host: HTMLElement;
  key: string;
}

export function listPageFeature<K extends string, Row>(spec: ListPageSpec<K, Row>, hosts: (url: URL) => boolean): Feature {
  const { pageName } = spec.vocabulary;
  return {
    id: spec.id,
    hosts,
    include(url, doc, batch) {
      const found = recogniseList(url, doc, batch, spec.vocabulary, SELLER_CENTER_LISTS);
      if (found.state === 'match' || isEmptyListPage(url, doc, spec.vocabulary)) return { state: 'match' };
      return found.state === 'maybe' ? found : { state: 'no', why: `not ${pageName}: ${found.why}` };
    },
    unavailable: listHelperUnavailable(spec.id, pageName),
    outline: outlineOfSellerCenter,
    init({ signal, document, url, report }) {
      const panel = new ShadowOverlay(`${spec.id}-panel`, 'display: block;');
      const badges = new WeakMap<Element, PlacedBadge>();
      let marks: ReadonlyMap<string, BadgeView> = new Map();
      let savedSignature = '';
      let savedCount = -1;
      let savedRows = '';
      let completeness: Completeness | null = null;
      let plan: FieldPlan<K> | null = null;
      /** Each record element read once, then again only when the page changes inside it. */
      let known = new WeakMap<Element, { row: Row | null; text: string }>();
      /** A re-rendered record with the same text gets the same badge without reading its dates again. */
      const views = new Map<string, BadgeView | null>();
      const viewOf = (row: Row, text: string): BadgeView | null => {
        if (!spec.badge) return null;
        if (!views.has(text)) views.set(text, spec.badge.view(row, marks));
        return views.get(text) ?? null;
      };
      const saving = settledApply(SAVE_DELAY_MS);
      let shop: Promise<Shop | null> | undefined;

      const showPanel = (lines: PanelLine[]) => {
        panel.placeFloating(document);
        void panel.show('HelperPanel', { title: `Shop Access Companion: ${pageName}`, lines, testId: `${spec.id}-panel` });
      };

      const save = (rows: Row[], completeness: Completeness, recheck: () => void, extra: PanelLine[] = []) => {
        // The page the rows were read on: by the time a late save runs, in-app navigation has moved on.
        const readOn = url();
        // Whose shop, asked while the page still shows it: a late save may run after in-app navigation.
        shop ??= currentShop(document, readOn.hostname);
        const whose = shop;
        saving.schedule(completeness.complete, (settled) =>
          saveNow(rows, whose, readOn, asApplied(completeness, settled), recheck, extra),
        );
      };

      /** Saves rows read on `readOn` and shows what came of it; a failure is said in the panel, never thrown. */
      const saveNow = async (
        rows: Row[],
        whose: Promise<Shop | null>,
        readOn: URL,
        completeness: Completeness,
        recheck: () => void,
        extra: PanelLine[] = [],
      ) => {
        try {
          const outcome = await spec.save(rows, await whose, readOn, completeness);
          if (signal.aborted) return;
          showPanel([...outcome.lines, ...extra]);
          if (outcome.marks) {
            // Kept for the rest of the visit: a later save (a search, a partial list) has no news of its own.
            marks = new Map([...marks, ...outcome.marks]);
            views.clear();
            recheck();
          }
        } catch (error) {
          if (!signal.aborted) showPanel([{ text: `Not saved: ${String(error)}`, tone: 'warn' }]);
        }
      };

      /**
       * Every badge alive, with the record it belongs to and what it says. When the page re-renders
       * its records, the new ones take back the thrown-away ones' badges instead of building new ones.
       */
      const hostRows = new Map<HTMLElement, { row: Element; key: string }>();
      let free: Map<string, HTMLElement[]> | null = null;
      const takeFree = (key: string): HTMLElement | undefined => {
        if (!free) {
          free = new Map();
          for (const [host, owner] of hostRows) {
            if (host.isConnected || owner.row.isConnected) continue;
            free.set(owner.key, [...(free.get(owner.key) ?? []), host]);
          }
        }
        return free.get(key)?.pop();
      };
      const dropUnused = () => {
        if (!free) return;
        for (const hosts of free.values()) for (const host of hosts) hostRows.delete(host);
        free = null;
      };
      const placeBadge = (record: Element, cell: Element | undefined, view: BadgeView | null) => {
        const existing = badges.get(record);
        if (!view) {
          existing?.host.remove();
          return;
        }
        // Inside the record's own element: its field's cell, or the record itself.
        const target = cell && record.contains(cell) ? cell : record;
        const key = `${view.tone}|${view.label}|${view.title}`;
        if (existing && existing.key === key && existing.host.parentElement === target) return;
        const reused = existing ? undefined : takeFree(key);
        const host = existing?.host ?? reused ?? createRowBadge(spec.id);
        if (!reused && existing?.key !== key) renderRowBadge(host, view);
        if (host.parentElement !== target) target.append(host);
        badges.set(record, { host, key });
        hostRows.set(host, { row: record, key });
      };

      const start = () =>
        watchPage(document, signal, (watch) => {
          const found = recogniseList(url(), document, watch.batch, spec.vocabulary, SELLER_CENTER_LISTS);
          if (found.state !== 'match') {
            // The list says it holds nothing: the whole list of none, so the last records can be marked gone.
            if (isEmptyListPage(url(), document, spec.vocabulary)) {
              plan = null;
              known = new WeakMap();
              dropUnused();
              report('active', ['the list is empty']);
              const whole = listCompleteness(document, []);
              // A failed load can look just like an empty list: the person says which it is.
              const recheck = () => watch.recheckIn(0);
              if (whole.complete)
                consider([], [], { complete: false, why: EMPTY_UNCONFIRMED }, recheck, [confirmEmpty(url(), recheck)]);
              else consider([], [], whole, recheck);
            }
            // Otherwise the runner stops this helper when the page no longer matches; until then, nothing to do.
            return;
          }
          const full = watch.batch.full || found.plan !== plan;
          if (found.plan !== plan) known = new WeakMap();
          plan = found.plan;
          if (full) views.clear();
          const rows: Row[] = [];
          const texts: string[] = [];
          let changed = full;
          for (const element of found.set.records()) {
            let entry = known.get(element);
            if (!entry || full || watch.batch.touched(element)) {
              const read = found.plan.read(element);
              const row = spec.toRow(read.values);
              const text = row ? JSON.stringify(row) : '';
              changed ||= text !== entry?.text;
              entry = { row, text };
              known.set(element, entry);
              if (spec.badge) placeBadge(element, read.elements[spec.badge.field], row ? viewOf(row, text) : null);
            }
            if (entry.row) {
              rows.push(entry.row);
              texts.push(entry.text);
            }
          }
          dropUnused();
          const missing = spec.vocabulary.fields.filter((f) => found.plan.columns[f.key] === undefined).map((f) => f.key);
          const layout = found.set.header
            ? `a list with headers (${missing.length ? `not shown: ${missing.join(', ')}` : 'all columns'})`
            : 'labelled records';
          report('active', [`${rows.length} records read from ${layout}`]);
          // Whether the list is whole changes only with the page around the records (a pager, a filter, a spinner).
          if (full || changed || !completeness || !watch.batch.onlyWithin(found.set.container)) {
            completeness = listCompleteness(document, found.set.records());
          }
          consider(rows, texts, completeness, () => watch.recheckIn(0), [], changed);
        });
      /** Saves what was read when it differs from what was last saved. */
      function consider(
        rows: Row[],
        texts: string[],
        whole: Completeness,
        recheck: () => void,
        extra: PanelLine[] = [],
        changed = true,
      ) {
        completeness = whole;
        const rowsSignature = changed || rows.length !== savedCount ? texts.join('\n') : savedRows;
        savedCount = rows.length;
        const signature = `${whole.complete ? 'complete' : whole.why}\n${rowsSignature}`;
        if (signature !== savedSignature) {
          savedSignature = signature;
          savedRows = rowsSignature;
          save(rows, whole, recheck, extra);
        }
      }
      /** The person's word that the empty list is true: only then are the last records marked gone. */
      function confirmEmpty(readOn: URL, recheck: () => void): PanelLine {
        return {
          text: `${pageName} shows none. If they all really ended, mark the ones kept for this shop as no longer listed.`,
          action: {
            label: 'Mark them no longer listed',
            run: () => {
              shop ??= currentShop(document, readOn.hostname);
              void saveNow([], shop, readOn, { complete: true }, recheck);
            },
          },
        };
      }

      signal.addEventListener('abort', () => {
        // Left before a read was saved: its rows are still kept, as a list that marks nothing gone.
        saving.leave();
        panel.remove();
        for (const host of hostRows.keys()) host.remove();
        for (const host of document.querySelectorAll(`sac-badge[data-sac-helper="${spec.id}"]`)) host.remove();
        hostRows.clear();
      });
      void (spec.prepare?.() ?? Promise.resolve()).then(() => {
        if (!signal.aborted) start();
      });
    },
  };
}
