import { endOf } from '../../shared/durations';
import { sellerCenterHost } from '../../shared/markets';
import { sendMessage } from '../messaging';
import { isAuthorizationLinkHint, readAuthorizationLink } from '../pages/authorization-link';
import type { PanelLine } from '../ui/HelperPanel';
import { ShadowOverlay } from '../ui/shadow-host';
import type { Feature } from './feature';
import { currentShop, UNKNOWN_SHOP_WHY } from './page-shop';
import { outlineOfSellerCenter } from './seller-outline';
import { watchPage } from './watch-page';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The authorization-link page: when the seller presses Confirm (a person's own press), the duration
 * chosen becomes the expiry to watch, before My Services is even visited.
 */
export const authorizationLink: Feature = {
  id: 'authorization-link',
  hosts: (url) => sellerCenterHost(url.hostname) !== null,
  include(url, doc) {
    if (!isAuthorizationLinkHint(url, doc)) return { state: 'no', why: 'not an authorization-link page' };
    const read = readAuthorizationLink(doc);
    return 'found' in read ? { state: 'match' } : { state: 'maybe', tried: read.missing.map((m) => `looked for ${m}`) };
  },
  unavailable: {
    overlay: 'authorization-link-panel',
    title: 'Authorization link: helper unavailable here',
    detail:
      'This looks like a partner authorization page, but its service, partner or duration could not be read. The expiry will be read from My Services instead.',
  },
  outline: outlineOfSellerCenter,
  init({ signal, document, url, report }) {
    const panel = new ShadowOverlay('authorization-link-panel', 'display: block;');
    const show = (lines: PanelLine[]) => {
      // A save that ends after the person left the page shows nothing there.
      if (signal.aborted) return;
      panel.placeFloating(document);
      void panel.show('HelperPanel', {
        title: 'Shop Access Companion: authorization',
        lines,
        testId: 'authorization-link-panel',
      });
    };
    watchPage(document, signal, () => {
      const read = readAuthorizationLink(document);
      if (!('found' in read)) return;
      const { serviceName, partner, duration } = read.found;
      report('active', [`${serviceName} by ${partner}, ${duration.amount} ${duration.unit}(s)`]);
      show([
        {
          text: `When you press Confirm, the extension watches ${serviceName} by ${partner}: ${duration.amount} ${duration.unit}(s), until about ${day(endOf(Date.now(), duration))}.`,
        },
      ]);
    });
    // Only a person's press counts (isTrusted): a page script's synthetic click records nothing.
    const onPress = (event: Event) => {
      if (!event.isTrusted) return;
      const read = readAuthorizationLink(document);
      if (!('found' in read) || !(event.target instanceof Node) || !read.found.confirm.contains(event.target)) return;
      const { serviceName, partner, duration } = read.found;
      void (async () => {
        const shop = await currentShop(document, url().hostname);
        if (!shop) {
          show([{ text: `Not recorded: ${UNKNOWN_SHOP_WHY}`, tone: 'warn' }]);
          return;
        }
        const saved = await sendMessage('recordLinkAuthorization', {
          shopCode: shop.shopCode,
          serviceName,
          partner,
          amount: duration.amount,
          unit: duration.unit,
        });
        if (!signal.aborted) show([{ text: `Watching ${serviceName} for ${shop.shopCode}: expires ${day(saved.expiresAt)}.` }]);
      })().catch((error) => show([{ text: `Not recorded: ${String(error)}`, tone: 'warn' }]));
    };
    document.addEventListener('click', onPress, { capture: true, signal });
    signal.addEventListener('abort', () => panel.remove());
  },
};
