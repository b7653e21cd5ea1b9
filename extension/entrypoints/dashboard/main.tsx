import '../../ui/page-styles.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Shop } from '../../../shared/schemas';
import { db } from '../../db/database';
import { listShops } from '../../db/shops';
import { sendMessage } from '../../messaging';
import { DEFAULT_SETTINGS, type Settings } from '../../settings';
import { AccessRequests } from '../../ui/dashboard/AccessRequests';
import { Authorizations } from '../../ui/dashboard/Authorizations';
import { ClientsAndOwners } from '../../ui/dashboard/ClientsAndOwners';
import { Diagnostics } from '../../ui/dashboard/Diagnostics';
import { HeldRecordsNotice } from '../../ui/dashboard/HeldRecords';
import { Overview } from '../../ui/dashboard/Overview';
import { Requests } from '../../ui/dashboard/Requests';
import { SettingsForm } from '../../ui/dashboard/SettingsForm';
import { ShopPage } from '../../ui/dashboard/ShopPage';
import { TeamSync } from '../../ui/dashboard/TeamSync';
import { shopsCsv } from '../../ui/dashboard/table-csv';
import { TABS, type Tab } from '../../ui/dashboard/tabs';
import { WhatChanged } from '../../ui/dashboard/WhatChanged';
import { WhoCanReach } from '../../ui/dashboard/WhoCanReach';
import { YourData } from '../../ui/dashboard/YourData';
import { download } from '../../ui/download';
import { ShopList } from '../../ui/ShopList';
import { useLiveQuery } from '../../ui/use-live-query';

function matches(shop: Shop, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [shop.shopCode, shop.name, shop.region, shop.sellerCenterHost].some((v) => v?.toLowerCase().includes(q));
}

function Shops({ settings }: { settings: Settings }) {
  const { value: shops, error } = useLiveQuery(() => listShops(db));
  const [query, setQuery] = useState('');
  const visible = shops?.filter((s) => matches(s, query)) ?? [];
  const opened = new URLSearchParams(location.search).get('shop');
  const page = opened === null ? undefined : shops?.find((s) => s.shopCode === opened);
  if (page) return <ShopPage shop={page} settings={settings} />;
  return (
    <section>
      <p style={{ display: 'flex', gap: '8px' }}>
        <input
          type="search"
          placeholder="Filter by code, name, market or host"
          aria-label="Filter shops"
          value={query}
          onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        />
        <button
          type="button"
          disabled={!shops?.length}
          onClick={() => download('shops.csv', shopsCsv(visible), 'text/csv;charset=utf-8')}
        >
          Export CSV
        </button>
      </p>
      {error ? <p role="alert">Could not read your shops: {String(error)}</p> : null}
      {opened !== null && shops && (
        <p role="alert">
          No shop {opened} in this browser. Pick one below; a shop is kept once its Seller information page is opened.
        </p>
      )}
      {shops ? <ShopList shops={visible} detailed={true} /> : <p class="muted">Loading...</p>}
      {shops && <WhoCanReach shops={shops} />}
      {shops && <ClientsAndOwners shops={shops} />}
    </section>
  );
}

function Dashboard() {
  const initial = (new URLSearchParams(location.search).get('tab') as Tab | null) ?? 'Overview';
  const [tab, setTab] = useState<Tab>(TABS.includes(initial) ? initial : 'Overview');
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  useEffect(() => {
    void sendMessage('getSettings').then(setSettings);
  }, []);
  return (
    <main style={{ maxWidth: '1100px', margin: '0 auto', padding: '24px' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '12px' }}>
        <h1>Shop Access Companion</h1>
        <span class="muted">What this browser (and, in a team, your teammates) saw on Seller Center and Business Center</span>
      </header>
      <HeldRecordsNotice />
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={t === tab}
            onClick={() => {
              // The address follows the tab, and a shop opened before is left behind.
              history.replaceState(null, '', `?tab=${encodeURIComponent(t)}`);
              setTab(t);
            }}
          >
            {t}
          </button>
        ))}
      </div>
      {tab === 'Overview' && <Overview settings={settings} />}
      {tab === 'Shops' && <Shops settings={settings} />}
      {tab === 'What changed' && <WhatChanged />}
      {tab === 'Authorizations' && <Authorizations settings={settings} />}
      {tab === 'Partner requests' && <Requests />}
      {tab === 'Access requests' && <AccessRequests />}
      {tab === 'Settings' && (
        <>
          <TeamSync />
          <h2>Badges and reminders</h2>
          <SettingsForm settings={settings} onSaved={setSettings} />
          <YourData />
        </>
      )}
      {tab === 'Diagnostics' && <Diagnostics />}
    </main>
  );
}

render(<Dashboard />, document.getElementById('app') as HTMLElement);
