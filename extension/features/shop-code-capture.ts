import { isMarket, sellerCenterHost } from '../../shared/markets';
import type { ShopCapture } from '../../shared/schemas';
import type { ShopCode } from '../../shared/shop-code';
import { sendMessage } from '../messaging';
import { afterItsControls } from '../pages/dom-text';
import { isSellerInformationPage, readShopCode, readShopName } from '../pages/seller-information';
import type { SaveState } from '../ui/ShopCodeOverlay';
import { ShadowOverlay } from '../ui/shadow-host';
import type { Feature } from './feature';
import { outlineOfSellerCenter } from './seller-outline';
import { watchPage } from './watch-page';

/**
 * Seller information: read the shop code and name, keep the shop, and put "Copy code" and
 * "Copy message for agency" beside the code. On that page with no code, the runner says so visibly.
 */
export const shopCodeCapture: Feature = {
  id: 'shop-code-capture',
  hosts: (url) => sellerCenterHost(url.hostname) !== null,
  include(url, doc) {
    if (!isSellerInformationPage(url, doc)) return { state: 'no', why: 'not a Seller information page' };
    const reading = readShopCode(doc);
    return reading.found ? { state: 'match' } : { state: 'maybe', tried: reading.tried };
  },
  unavailable: {
    overlay: 'shop-code-missing',
    title: 'Shop code not found on this page',
    detail: 'This looks like Seller information, but no shop code could be read. The page may have changed; nothing was saved.',
  },
  outline: outlineOfSellerCenter,
  init({ signal, document, url, report }) {
    const badge = new ShadowOverlay('shop-code', 'display: inline-block; vertical-align: middle; margin: 0 8px;');
    let shown: { capture: ShopCapture; save: SaveState } | null = null;

    const renderBadge = () => {
      if (shown) void badge.show('ShopCodeOverlay', { shop: shown.capture, save: shown.save, root: badge.root });
    };

    const save = async (capture: ShopCapture) => {
      try {
        const result = await sendMessage('captureShop', capture);
        if (shown?.capture === capture) shown.save = { kind: 'saved', created: result.created };
      } catch (error) {
        // Most often the extension was reloaded under an open tab; the page itself is unaffected.
        if (shown?.capture === capture) shown.save = { kind: 'error', message: describe(error) };
      }
      if (!signal.aborted) renderBadge();
      if (shown?.capture === capture && shown.save.kind === 'saved') await followTeam(capture);
    };

    /** In a team, the overlay then says what became of the change: shared, waiting, or overruled. */
    const followTeam = async (capture: ShopCapture) => {
      // A quick first answer; then, while the change waits for the server, long questions.
      let waitMs = 2000;
      while (!signal.aborted && shown?.capture === capture && shown.save.kind === 'saved') {
        const team = await sendMessage('shopTeamState', { capture, waitMs }).catch(() => null);
        if (!team || signal.aborted || shown?.capture !== capture || shown.save.kind !== 'saved') return;
        shown.save = { ...shown.save, team };
        renderBadge();
        if (team.kind !== 'waiting') return;
        waitMs = 20_000;
      }
    };

    watchPage(document, signal, () => {
      const reading = readShopCode(document);
      // The runner stops this helper when the code goes; until then, keep the overlay beside it.
      if (!reading.found) return;
      report('active', [`shop code ${reading.code.code} read by ${reading.via}`]);
      // After the page's own copy icon, if it has one: between the code and its icon, the overlay pushed the icon aside.
      badge.placeAfter(afterItsControls(reading.element));
      const capture = toCapture(reading.code, readShopName(document), url().hostname);
      if (!shown || !sameCapture(shown.capture, capture)) {
        shown = { capture, save: { kind: 'saving' } };
        renderBadge();
        void save(capture);
      }
    });
    signal.addEventListener('abort', () => badge.remove());
  },
};

function toCapture(code: ShopCode, name: string | undefined, hostname: string): ShopCapture {
  const host = sellerCenterHost(hostname);
  // An unusual code's letters are not trusted to name a market; the host is.
  const region = code.standard && isMarket(code.market) ? code.market : host?.market;
  return {
    shopCode: code.code,
    name,
    region,
    sellerType: code.standard ? code.sellerType : (host?.sellerType ?? code.sellerType),
    sellerCenterHost: hostname,
    standardCode: code.standard,
  };
}

function sameCapture(a: ShopCapture, b: ShopCapture): boolean {
  return a.shopCode === b.shopCode && a.name === b.name && a.sellerCenterHost === b.sellerCenterHost;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /context invalidated|receiving end does not exist/i.test(message)
    ? 'extension was reloaded; refresh this page'
    : message;
}
