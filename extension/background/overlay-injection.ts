import { browser } from 'wxt/browser';
import type { MessageSender } from './message-door';

/**
 * The overlays' views (Preact and the panels, entrypoints/overlay-ui.ts) into the one frame that
 * asked, in its content-script world, where the page's own scripts cannot reach them. Only the
 * extension's content scripts can ask (the message door), and only on the hosts they run on.
 */
export async function injectOverlayUi(sender: MessageSender & { frameId?: number }): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('Overlays are shown only in tabs.');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [sender.frameId ?? 0] }, files: ['/overlay-ui.js'] });
}
