import type { PartnerAccessRow } from '../db/requests';
import { pageSays } from './landmarks';
import { type ColumnSpec, cellText, findTable, type TableLookup } from './table-reader';

/** Seller Center > Ads > Account Management > Partner Management: Business Centers with access or asking for it. */
export function isPartnerManagementPage(url: URL, doc: Document): boolean {
  return /partner[-_]?management/i.test(url.pathname + url.search) || pageSays(doc, /^partner management$/i);
}

export type PartnerColumn = keyof PartnerAccessRow;

const COLUMNS: readonly ColumnSpec<PartnerColumn>[] = [
  { key: 'businessCenterName', header: /^(business center( name)?|partner( name)?|bc( name)?|partner business center)$/i },
  { key: 'businessCenterId', header: /^(business center id|bc id|partner id|partner business center id)$/i },
  { key: 'status', header: /^(access )?status$/i },
];

export function findPartnersTable(doc: Document): TableLookup<PartnerColumn> {
  return findTable(doc, COLUMNS, ['businessCenterName', 'status']);
}

export function readPartnerRow(cells: Partial<Record<PartnerColumn, Element>>): PartnerAccessRow | null {
  const businessCenterName = cellText(cells.businessCenterName);
  if (!businessCenterName) return null;
  const id = cellText(cells.businessCenterId).match(/\d{6,25}/)?.[0];
  return { businessCenterName, businessCenterId: id, status: cellText(cells.status) };
}
