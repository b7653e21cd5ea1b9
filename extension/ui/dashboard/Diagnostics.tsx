import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { HelperReport } from '../../messaging';
import { sendMessage } from '../../messaging';
import { Badge } from '../Badge';

type TabReports = { tabId: number; reports: HelperReport[] };

/** Which helpers matched each open Seller Center tab, and what they could not find. */
export function Diagnostics() {
  const [tabs, setTabs] = useState<TabReports[]>([]);
  const [checked, setChecked] = useState<string | null>(null);
  useEffect(() => {
    const load = async () => {
      const all = await browser.storage.session.get(null);
      setTabs(
        Object.entries(all)
          .filter(([key]) => key.startsWith('helpers:'))
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
      {tabs.length === 0 && <p class="empty">No Seller Center tab has reported yet.</p>}
      {tabs.map((tab) => (
        <div key={tab.tabId}>
          <h2 class="muted">{tab.reports[0]?.url ?? `tab ${tab.tabId}`}</h2>
          <HelperTable reports={tab.reports} />
        </div>
      ))}
    </div>
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
