import type { AuthorizationRow } from '../../shared/authorization-badge';
import type { PageBatch } from '../features/watch-page';
import { recogniseList } from './list-pages';
import { SELLER_CENTER_LISTS } from './vocabulary';
import { MY_SERVICES } from './vocabulary/my-services';

/**
 * Seller Center > TikTok Shop Partner > My Services: every authorized TSP service, with "Show More"
 * for those expiring within 15 days. Recognised by its records (a service, a status word of an
 * authorization, a date or period), with its route and heading as hints.
 */
export function isMyServicesPage(url: URL, doc: Document, batch: PageBatch): boolean {
  return recogniseList(url, doc, batch, MY_SERVICES, SELLER_CENTER_LISTS).state === 'match';
}

/** A record's fields as text; records with neither a service nor a partner are not authorizations. */
export function toServiceRow(values: Partial<Record<keyof AuthorizationRow, string>>): AuthorizationRow | null {
  const serviceName = values.serviceName ?? '';
  const partner = values.partner ?? '';
  if (!serviceName && !partner) return null;
  return {
    serviceName,
    partner,
    serviceType: values.serviceType,
    status: values.status,
    authorizedAt: values.authorizedAt,
    expiresAt: values.expiresAt ?? '',
  };
}
