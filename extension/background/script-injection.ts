import { browser } from 'wxt/browser';
import type { ScriptPart } from '../script-parts';
import type { MessageSender } from './message-door';

/**
 * A script part (platform/script-parts.ts) into the one frame that asked, in its content-script
 * world, where the page's own scripts cannot reach it. Only the extension's content scripts can ask
 * (the message door), only for the parts listed, and only on the hosts they run on.
 */
export async function injectScriptPart(sender: MessageSender & { frameId?: number }, part: ScriptPart): Promise<void> {
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  if (tabId === undefined || frameId === undefined) throw new Error('Scripts are injected only in the frames of a tab.');
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [`/${part}.js`] });
}
