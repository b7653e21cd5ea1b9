import { sellerCenterHost } from '../../shared/markets';
import { sendMessage } from '../messaging';
import { ShadowOverlay } from '../ui/shadow-host';
import type { Feature } from './feature';
import { onMyServices } from './lazy-list-helpers';
import { pageHeaderText } from './page-shop';

const DISMISSED_KEY = 'sacExpiryChipDismissed';

/**
 * Everywhere in Seller Center: a compact chip with how many of this shop's partner authorizations
 * expire within the window, linking to My Services. Dismissed, it stays away for the rest of the tab's session.
 */
export const expiryChip: Feature = {
  id: 'expiry-chip',
  hosts: (url) => sellerCenterHost(url.hostname) !== null,
  include(url, doc, batch) {
    if (sessionStorage.getItem(DISMISSED_KEY) === '1') return { state: 'no', why: 'dismissed for this tab' };
    // My Services has a badge on every authorization: the chip would say it twice.
    return onMyServices(url, doc, batch) ? { state: 'no', why: 'not shown on My Services' } : { state: 'match' };
  },
  unavailable: { overlay: 'expiry-chip', title: 'Expiry chip unavailable', detail: '' },
  init({ signal, document, url, report }) {
    // Counts of this shop's stored authorizations: not the page's to read.
    const chip = new ShadowOverlay('expiry-chip', 'display: block;', { closed: true });
    signal.addEventListener('abort', () => chip.remove());
    void sendMessage('shopSummary', { host: url().hostname, headerText: pageHeaderText(document) })
      .then((summary) => {
        if (signal.aborted) return;
        if (!summary.shop) return report('waiting', ['current shop unknown: open Seller information once']);
        report('active', [
          `${summary.expiringSoon} authorizations of ${summary.shop.shopCode} expire within ${summary.windowDays} days`,
        ]);
        if (summary.expiringSoon === 0) return;
        chip.placeFloating(document);
        void chip.show('ExpiryChip', {
          count: summary.expiringSoon,
          windowDays: summary.windowDays,
          shopLabel: summary.shop.name ?? summary.shop.shopCode,
          href: summary.myServicesUrl,
          onDismiss: () => {
            sessionStorage.setItem(DISMISSED_KEY, '1');
            chip.remove();
          },
        });
      })
      .catch(() => {});
  },
};
