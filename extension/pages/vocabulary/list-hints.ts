import type { StatusKind } from '../../../shared/statuses';
import { pageSays } from '../landmarks';

/**
 * What says which Seller Center list page this is before its records are read: its route and its
 * heading, and the status words its records speak. Kept apart from the rest of each vocabulary
 * (the field words) so that the seller script can tell whether a page may be a list without
 * carrying the list readers (features/lazy-list-helpers.ts).
 */
export interface ListPageHint {
  id: string;
  pageName: string;
  /** Which status vocabulary of shared/statuses.ts the status field speaks. */
  statusKind: StatusKind;
  route: RegExp;
  heading: RegExp;
}

/** Seller Center > TikTok Shop Partner > My Services (seed 000). */
export const MY_SERVICES_HINT: ListPageHint = {
  id: 'my-services',
  pageName: 'My Services',
  statusKind: 'tspAuthorization',
  route: /my[-_]?services|tab=services|\/services\/authori[sz]ations/i,
  heading: /^(my )?services$|^(my )?authori[sz]ed services$|^(my )?(tsp|partner) services$/i,
};

/** Seller Center > TikTok Shop Partner > My request (seed 000). */
export const MY_REQUEST_HINT: ListPageHint = {
  id: 'my-request',
  pageName: 'My request',
  statusKind: 'tspRequest',
  route: /my[-_]?requests?\b|tab=requests?\b/i,
  heading: /^my requests?$|^(partner|tsp) requests?$|^requests? (to|for) partners?$/i,
};

/** Seller Center > Ads > Account Management > Partner Management (seed 004). */
export const PARTNER_MANAGEMENT_HINT: ListPageHint = {
  id: 'partner-management',
  pageName: 'Partner Management',
  statusKind: 'partnerAccess',
  route: /partner[-_]?management/i,
  heading: /^partner management$|^(business center )?partners?$|^business centers? with access$/i,
};

/** The route or what the page calls itself (a heading, the selected tab) says this is the hinted page. */
export function pageHinted(hint: ListPageHint, url: URL, doc: Document): boolean {
  return hint.route.test(url.pathname + url.search) || pageSays(doc, hint.heading);
}
