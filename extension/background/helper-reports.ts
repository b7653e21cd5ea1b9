import { browser } from 'wxt/browser';
import type { HelperReport } from '../messaging';

/** Per-tab diagnostics live in session storage: they survive the worker stopping, not the browser closing. */
const key = (tabId: number) => `helpers:${tabId}`;
let queue: Promise<unknown> = Promise.resolve();

export function clearHelperReports(tabId: number): Promise<void> {
  const next = queue.then(() => browser.storage.session.remove(key(tabId)));
  queue = next.catch(() => {});
  return next;
}

/** Reports arrive together from one page; they are merged one after another so none overwrites another. */
export function saveHelperReport(tabId: number, report: HelperReport): Promise<void> {
  const next = queue.then(async () => {
    const stored = ((await browser.storage.session.get(key(tabId)))[key(tabId)] ?? {}) as Record<string, HelperReport>;
    stored[report.helper] = report;
    await browser.storage.session.set({ [key(tabId)]: stored });
  });
  queue = next.catch(() => {});
  return next;
}

export async function helperReports(tabId: number): Promise<HelperReport[]> {
  const stored = ((await browser.storage.session.get(key(tabId)))[key(tabId)] ?? {}) as Record<string, HelperReport>;
  return Object.values(stored);
}
