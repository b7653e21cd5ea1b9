import type { AuthorizationRow } from '../../shared/authorization-badge';
import { pageSays } from './landmarks';
import { type ColumnSpec, cellText, findTable, type TableLookup } from './table-reader';

/**
 * Seller Center > TikTok Shop Partner > My Services: every authorized TSP service, with "Show More"
 * for those expiring within 15 days. Its route is not known, so the page is recognised by what it
 * says (a "My Services" heading, tab or current menu item) and its table by its column headers.
 */
export function isMyServicesPage(url: URL, doc: Document): boolean {
  return /my[-_]?services/i.test(url.pathname + url.search) || pageSays(doc, /^my services$/i);
}

export type ServiceColumn = keyof AuthorizationRow;

export const SERVICE_COLUMNS: readonly ColumnSpec<ServiceColumn>[] = [
  { key: 'serviceName', header: /^(service( name)?|service package)$/i },
  { key: 'partner', header: /^(partner( name)?|service provider|tsp( name)?)$/i },
  { key: 'serviceType', header: /^(service )?type$/i },
  { key: 'status', header: /^(authori[sz]ation )?status$/i },
  { key: 'authorizedAt', header: /^(authori[sz]ation|authori[sz]ed|start)( on| date| time)?$|^authori[sz]ed on$/i },
  { key: 'expiresAt', header: /^(expiry|expiration|expire[sd]?|end|valid until)( on| date| time)?$|^valid until$/i },
];

export function findServicesTable(doc: Document): TableLookup<ServiceColumn> {
  return findTable(doc, SERVICE_COLUMNS, ['expiresAt']);
}

/** A row of the table as text; rows without a service or partner name are not authorizations. */
export function readServiceRow(cells: Partial<Record<ServiceColumn, Element>>): AuthorizationRow | null {
  const serviceName = cellText(cells.serviceName);
  const partner = cellText(cells.partner);
  if (!serviceName && !partner) return null;
  return {
    serviceName,
    partner,
    serviceType: cells.serviceType ? cellText(cells.serviceType) : undefined,
    status: cells.status ? cellText(cells.status) : undefined,
    authorizedAt: cells.authorizedAt ? cellText(cells.authorizedAt) : undefined,
    expiresAt: cellText(cells.expiresAt),
  };
}
