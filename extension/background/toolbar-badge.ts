import { browser } from 'wxt/browser';
import { expiringSoon } from '../db/authorizations';
import type { CompanionDb } from '../db/database';

/** The toolbar icon counts, across every shop, the authorizations that expire within the urgent window. */
export async function refreshToolbarBadge(db: CompanionDb, windowDays: number, now = new Date()): Promise<number> {
  const count = (await expiringSoon(db, now, windowDays)).length;
  const action = toolbarButton();
  await action.setBadgeText({ text: count > 0 ? String(count) : '' });
  await action.setBadgeBackgroundColor({ color: '#c2410c' });
  await action.setTitle({
    title:
      count > 0
        ? `Shop Access Companion: ${count} partner authorization(s) expire within ${windowDays} days`
        : 'Shop Access Companion',
  });
  return count;
}

/** The toolbar button: `action` in Manifest V3 (Chromium), `browserAction` in the Firefox build (Manifest V2). */
function toolbarButton(): typeof browser.action {
  return browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
}
