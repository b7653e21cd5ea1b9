import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { SellerLists } from '../features/lazy-list-helpers';
import { myServicesBadges } from '../features/my-services-badges';
import { partnerManagement } from '../features/partner-management';
import { tspRequestTracking } from '../features/tsp-request-tracking';
import { isMyServicesPage } from '../pages/my-services';
import { providePart } from '../script-parts';

/**
 * The Seller Center list helpers with their readers, injected by the background into a tab's
 * content-script world when the seller script sees a page that may be a list (pages/may-be-list.ts).
 * The seller script's runner runs them; shared state (the page watcher, its memos) is the world's.
 */
export default defineUnlistedScript(() => {
  const lists: SellerLists = {
    helpers: [myServicesBadges(), tspRequestTracking(), partnerManagement()],
    isMyServicesPage,
  };
  providePart('seller-lists', lists);
});
