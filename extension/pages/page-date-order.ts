import { sellerCenterHost } from '../../shared/markets';
import { type DateOrder, dateOrderFor } from '../../shared/page-dates';

/** Numeric dates are read the way the host's market writes them; Business Center's order is not known. */
export function dateOrderOf(url: URL): DateOrder {
  return dateOrderFor(sellerCenterHost(url.hostname)?.market);
}
