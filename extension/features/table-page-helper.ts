import { h } from 'preact';
import type { BadgeView } from '../../shared/authorization-badge';
import type { Shop } from '../../shared/schemas';
import type { FoundTable, TableLookup } from '../pages/table-reader';
import { HelperPanel, type PanelLine } from '../ui/HelperPanel';
import { OVERLAY_CSS } from '../ui/overlay-styles';
import { createRowBadge, renderRowBadge } from '../ui/row-badge';
import { HelperUnavailable } from '../ui/ShopCodeOverlay';
import { ShadowOverlay } from '../ui/shadow-host';
import type { Feature } from './feature';
import { currentShop } from './page-shop';
import { watchPage } from './watch-page';

/** How long a recognised page may take to render its table before we say it is not there. */
export const MISSING_TABLE_GRACE_MS = 4000;
const SAVE_DELAY_MS = 300;

export interface SaveOutcome {
  lines: PanelLine[];
  /** Per row key, a badge the save itself decided (a status change since the last visit, say). */
  marks?: ReadonlyMap<string, BadgeView>;
}

/** A helper that reads one table on one kind of Seller Center page, badges its rows and keeps them. */
export interface TablePageSpec<K extends string, Row> {
  id: string;
  pageName: string;
  isPage(url: URL, doc: Document): boolean;
  findTable(doc: Document): TableLookup<K>;
  readRow(cells: Partial<Record<K, Element>>): Row | null;
  rowKey(row: Row): string;
  badge?: { cell: K; view(row: Row, marks: ReadonlyMap<string, BadgeView>): BadgeView | null };
  /** Runs once per page visit, before the first check (settings, say). */
  prepare?(): Promise<void>;
  save(rows: Row[], shop: Shop | null, page: URL): Promise<SaveOutcome>;
}

interface PlacedBadge {
  host: HTMLElement;
  key: string;
}

export function tablePageFeature<K extends string, Row>(spec: TablePageSpec<K, Row>, include: (url: URL) => boolean): Feature {
  return {
    id: spec.id,
    include,
    init({ signal, document, url, report }) {
      const panel = new ShadowOverlay(`${spec.id}-panel`, OVERLAY_CSS, 'display: block;');
      const badges = new WeakMap<Element, PlacedBadge>();
      let marks: ReadonlyMap<string, BadgeView> = new Map();
      let onPageSince: number | null = null;
      let lastTable: FoundTable<K> | null = null;
      let savedSignature = '';
      let savedCount = -1;
      /** Each row element read once, then again only when the page changes inside it. */
      const known = new WeakMap<Element, { row: Row | null; text: string }>();
      /** A re-rendered row with the same text gets the same badge without reading its dates again. */
      const views = new Map<string, BadgeView | null>();
      const viewOf = (row: Row, text: string): BadgeView | null => {
        if (!spec.badge) return null;
        if (!views.has(text)) views.set(text, spec.badge.view(row, marks));
        return views.get(text) ?? null;
      };
      let saveTimer: ReturnType<typeof setTimeout> | undefined;
      let shop: Promise<Shop | null> | undefined;

      let badged = false;
      const clear = () => {
        panel.remove();
        if (!badged) return;
        for (const host of document.querySelectorAll(`sac-badge[data-sac-helper="${spec.id}"]`)) host.remove();
        hostRows.clear();
        badged = false;
      };
      const showPanel = (lines: PanelLine[]) => {
        panel.placeFloating(document);
        panel.render(h(HelperPanel, { title: `Shop Access Companion: ${spec.pageName}`, lines, testId: `${spec.id}-panel` }));
      };

      const save = (rows: Row[], recheck: () => void) => {
        clearTimeout(saveTimer);
        saveTimer = setTimeout(async () => {
          try {
            shop ??= currentShop(document, url().hostname);
            const outcome = await spec.save(rows, await shop, url());
            if (signal.aborted) return;
            showPanel(outcome.lines);
            if (outcome.marks) {
              marks = outcome.marks;
              recheck();
            }
          } catch (error) {
            if (!signal.aborted) showPanel([{ text: `Not saved: ${String(error)}`, tone: 'warn' }]);
          }
        }, SAVE_DELAY_MS);
      };

      const start = () =>
        watchPage(document, signal, (watch) => {
          if (!spec.isPage(url(), document)) {
            onPageSince = null;
            report('waiting', [`not a ${spec.pageName} page`]);
            clear();
            return;
          }
          onPageSince ??= Date.now();
          // Columns are found again only when the header row changed or went away.
          const reuse =
            lastTable && !watch.batch.full && lastTable.headerRow.isConnected && !watch.batch.touched(lastTable.headerRow);
          const table = reuse && lastTable ? lastTable : spec.findTable(document);
          lastTable = table.found ? table : null;
          if (!table.found) {
            const waited = Date.now() - onPageSince;
            report(waited < MISSING_TABLE_GRACE_MS ? 'waiting' : 'unavailable', table.tried);
            if (waited < MISSING_TABLE_GRACE_MS) return watch.recheckIn(MISSING_TABLE_GRACE_MS - waited + 10);
            panel.placeFloating(document);
            panel.render(
              h(HelperUnavailable, {
                title: `${spec.pageName}: helper unavailable here`,
                detail: `This looks like ${spec.pageName}, but its table could not be recognised. Nothing was read or saved.`,
                tried: table.tried,
                onDismiss: () => panel.remove(),
              }),
            );
            return;
          }
          if (watch.batch.full) views.clear();
          const rows: Row[] = [];
          const texts: string[] = [];
          let changed = watch.batch.full;
          for (const element of table.rows()) {
            let entry = known.get(element);
            if (!entry || watch.batch.full || watch.batch.touched(element)) {
              const cells = table.cells(element);
              const row = spec.readRow(cells);
              const text = row ? JSON.stringify(row) : '';
              changed ||= text !== entry?.text;
              entry = { row, text };
              known.set(element, entry);
              if (spec.badge) placeBadge(element, cells[spec.badge.cell], row ? viewOf(row, text) : null);
            }
            if (entry.row) {
              rows.push(entry.row);
              texts.push(entry.text);
            }
          }
          dropUnused();
          const missing = table.missing.length ? [`columns not shown: ${table.missing.join(', ')}`] : [];
          report('active', [`${rows.length} rows read`, ...missing]);
          const signature = changed || rows.length !== savedCount ? texts.join('\n') : savedSignature;
          savedCount = rows.length;
          if (signature !== savedSignature) {
            savedSignature = signature;
            save(rows, () => watch.recheckIn(0));
          }
        });

      /**
       * Every badge alive, with the row it belongs to and what it says. When the page re-renders
       * its rows, the new rows take back the thrown-away rows' badges instead of building new ones.
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
      const placeBadge = (row: Element, cell: Element | undefined, view: BadgeView | null) => {
        const existing = badges.get(row);
        if (!cell || !view) {
          existing?.host.remove();
          return;
        }
        const key = `${view.tone}|${view.label}|${view.title}`;
        if (existing && existing.key === key && existing.host.parentElement === cell) return;
        const reused = existing ? undefined : takeFree(key);
        const host = existing?.host ?? reused ?? createRowBadge(spec.id);
        if (!reused && existing?.key !== key) renderRowBadge(host, view);
        if (host.parentElement !== cell) cell.append(host);
        badges.set(row, { host, key });
        hostRows.set(host, { row, key });
        badged = true;
      };

      signal.addEventListener('abort', () => {
        clearTimeout(saveTimer);
        clear();
      });
      void (spec.prepare?.() ?? Promise.resolve()).then(() => {
        if (!signal.aborted) start();
      });
    },
  };
}
