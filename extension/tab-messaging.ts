import { defineExtensionMessaging } from '@webext-core/messaging';

/** Messages from the extension's own pages to a tab's content script. */
interface TabProtocolMap {
  /** The page's outline for a bug report, every value masked (pages/page-outline.ts). */
  pageOutline(): string;
}

export const { sendMessage: sendToTab, onMessage: onTabMessage } = defineExtensionMessaging<TabProtocolMap>();
