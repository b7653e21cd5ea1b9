import { type ListPageHint, MY_REQUEST_HINT, MY_SERVICES_HINT, PARTNER_MANAGEMENT_HINT } from '../pages/vocabulary/list-hints';
import type { Feature } from './feature';

/** The list helpers, by the id they report under and the page they read. */
export const LIST_HELPERS = {
  myServices: { id: 'my-services-badges', page: MY_SERVICES_HINT },
  myRequest: { id: 'tsp-request-tracking', page: MY_REQUEST_HINT },
  partnerManagement: { id: 'partner-management', page: PARTNER_MANAGEMENT_HINT },
} as const satisfies Record<string, { id: string; page: ListPageHint }>;

/** What a list helper's "helper unavailable here" notice says; the same whether its readers loaded or not. */
export function listHelperUnavailable(id: string, pageName: string): Feature['unavailable'] {
  return {
    overlay: `${id}-panel`,
    title: `${pageName}: helper unavailable here`,
    detail: `This looks like ${pageName}, but its records could not be recognised. Nothing was read or saved.`,
  };
}
