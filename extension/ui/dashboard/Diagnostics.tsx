import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HelperReport } from '../../messaging';
import { sendMessage } from '../../messaging';
import { sendToTab } from '../../tab-messaging';
import { Badge } from '../Badge';
import { copyText } from '../clipboard';

type TabReports = { tabId: number; reports: HelperReport[] };

/** Which helpers matched each open Seller Center tab, and what they could not find. */
export function Diagnostics() {
  const [tabs, setTabs] = useState<TabReports[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  useEffect(() => {
    const load = async () => {
      const [all, open] = await Promise.all([browser.storage.session.get(null), browser.tabs.query({})]);
      // Only tabs open now: a tab closed while the background slept leaves its reports behind.
      const openIds = new Set(open.map((t) => t.id));
      setTabs(
        Object.entries(all)
          .filter(([key]) => key.startsWith('helpers:') && openIds.has(Number(key.slice(8))))
          .map(([key, value]) => ({
            tabId: Number(key.slice(8)),
            reports: Object.values(value as Record<string, HelperReport>),
          })),
      );
    };
    void load();
    const listener = () => void load();
    browser.storage.session.onChanged.addListener(listener);
    return () => browser.storage.session.onChanged.removeListener(listener);
  }, []);
  const runCheck = async () => {
    const { notified } = await sendMessage('runExpiryCheck');
    setChecked(`${notified} reminder(s) sent.`);
  };
  return (
    <div data-testid="diagnostics">
      <p>
        <button type="button" onClick={runCheck}>
          Check expiries now
        </button>{' '}
        {checked && <span class="muted">{checked}</span>}
      </p>
      {tabs.length === 0 && (
        <p class="empty">No open tab has a helper running (open a Seller Center or Business Center Shops page).</p>
      )}
      {tabs.map((tab) => (
        <div key={tab.tabId}>
          <h2 class="muted">{tab.reports[0]?.url ?? `tab ${tab.tabId}`}</h2>
          <HelperTable reports={tab.reports} />
          <OutlineButton tabId={tab.tabId} />
        </div>
      ))}
    </div>
  );
}

/** The tab's page outline, values masked, for a bug report when a helper does not match a page. */
function OutlineButton({ tabId }: { tabId: number }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      const outline = await sendToTab('pageOutline', undefined, tabId);
      setSaid((await copyText(outline)) ? 'Page outline copied: shop names, codes and dates in it are masked.' : 'Copy failed.');
    } catch {
      setSaid('That tab no longer answers (closed, or reloaded before the extension): reload the tab and try again.');
    }
  };
  return (
    <p>
      <button type="button" onClick={copy}>
        Copy page outline
      </button>{' '}
      {said && (
        <span class="muted" role="status">
          {said}
        </span>
      )}
    </p>
  );
}

const STATE_VIEW = {
  active: { tone: 'ok', label: 'matched', title: 'The helper found what it looks for on this page' },
  waiting: { tone: 'inactive', label: 'not on this page', title: 'The page is not one this helper works on' },
  unavailable: { tone: 'unreadable', label: 'unavailable here', title: 'The page looks right, but its anchors were missing' },
} as const;
const ORDER = { unavailable: 0, active: 1, waiting: 2 } as const;

export function HelperTable({ reports }: { reports: HelperReport[] }) {
  const sorted = [...reports].sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.helper.localeCompare(b.helper));
  return (
    <table>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.helper} data-helper={r.helper} data-state={r.state}>
            <td>{r.helper}</td>
            <td>
              <Badge view={STATE_VIEW[r.state]} />
            </td>
            <td class="muted">{r.detail.join('; ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
