import type { TspRequestRow } from '../db/requests';
import { pageSays } from './landmarks';
import { type ColumnSpec, cellText, findTable, type TableLookup } from './table-reader';

/** Seller Center > TikTok Shop Partner > "My request": the seller's requests to partners and their status. */
export function isTspRequestsPage(url: URL, doc: Document): boolean {
  return /my[-_]?requests?\b/i.test(url.pathname + url.search) || pageSays(doc, /^my requests?$/i);
}

export type RequestColumn = keyof TspRequestRow;

const COLUMNS: readonly ColumnSpec<RequestColumn>[] = [
  { key: 'partner', header: /^(partner|partner name|service provider|tsp)$/i },
  {
    key: 'reference',
    header:
      /^(request id|request no\.?|request time|submitted( at| on| time)?|submission time|created( at| on| time)?|request date)$/i,
  },
  { key: 'status', header: /^(request )?status$/i },
];

export function findRequestsTable(doc: Document): TableLookup<RequestColumn> {
  return findTable(doc, COLUMNS, ['partner', 'status']);
}

export function readRequestRow(cells: Partial<Record<RequestColumn, Element>>): TspRequestRow | null {
  const partner = cellText(cells.partner);
  if (!partner) return null;
  return { partner, reference: cellText(cells.reference), status: cellText(cells.status) };
}
