import '../../ui/page-styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { accessChanges, describeEvent } from '../../db/changes';
import { db } from '../../db/database';
import { listShops } from '../../db/shops';
import { type HelperReport, sendMessage } from '../../messaging';
import { HelperTable } from '../../ui/dashboard/Diagnostics';
import { changesSeenAt } from '../../ui/dashboard/WhatChanged';
import { ShopList } from '../../ui/ShopList';
import { SyncLine } from '../../ui/SyncLine';
import { useLiveQuery } from '../../ui/use-live-query';
import { TabGlance } from './TabGlance';

/** What the helpers found on the tab the popup was opened over; nothing when it is not Seller Center. */
function ThisPage() {
  const [reports, setReports] = useState<HelperReport[] | null>(null);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(async ([tab]) => {
      setReports(tab?.id === undefined ? [] : await sendMessage('helperReports', { tabId: tab.id }));
    });
  }, []);
  if (!reports) return null;
  if (reports.length === 0) return <p class="muted">No helper runs on this tab (not a Seller Center page).</p>;
  return <HelperTable reports={reports} />;
}

/** How much changed since the person last looked, with the newest, and the way to the whole list. */
function ChangesLine() {
  const seen = useLiveQuery(() => changesSeenAt.getValue()).value;
  const changes = useLiveQuery(() => accessChanges(db)).value;
  if (seen === undefined || !changes) return null;
  const fresh = changes.filter((c) => c.at > seen);
  const link = browser.runtime.getURL('/dashboard.html?tab=What%20changed');
  return (
    <p data-testid="changes-line">
      {fresh.length === 0 ? (
        <span class="muted">No changes to shop access since your last look.</span>
      ) : (
        <>
          <strong>
            {fresh.length} change{fresh.length === 1 ? '' : 's'} since your last look
          </strong>
          : {fresh[0]?.subject}, {describeEvent(fresh[0] as (typeof fresh)[number])}.{' '}
        </>
      )}{' '}
      <a href={link} target="_blank" rel="noreferrer">
        What changed
      </a>
    </p>
  );
}

function Popup() {
  const { value: shops, error } = useLiveQuery(() => listShops(db));
  return (
    <main style={{ width: '460px', padding: '12px' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1>Shop Access Companion</h1>
        <a class="button" href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
          Open dashboard
        </a>
      </header>
      <TabGlance />
      <SyncLine />
      <ChangesLine />
      <h2>Your shops {shops ? <span class="muted">({shops.length})</span> : null}</h2>
      {error ? <p role="alert">Could not read your shops: {String(error)}</p> : null}
      {shops ? <ShopList shops={shops.slice(0, 8)} detailed={false} /> : <p class="muted">Loading...</p>}
      {shops && shops.length > 8 ? <p class="muted">and {shops.length - 8} more in the dashboard.</p> : null}
      <h2>On this page</h2>
      <ThisPage />
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
