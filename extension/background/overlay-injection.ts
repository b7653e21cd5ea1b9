import { browser } from 'wxt/browser';
import type { MessageSender } from './message-door';

/**
 * The overlays' views (Preact and the panels, entrypoints/overlay-ui.ts) into the one frame that
 * asked, in its content-script world, where the page's own scripts cannot reach them. Only the
 * extension's content scripts can ask (the message door), and only on the hosts they run on.
 */
export async function injectOverlayUi(sender: MessageSender & { frameId?: number }): Promise<void> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined) throw new Error('Overlays are shown only in the frames of a tab.');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/overlay-ui.js'] });
}
