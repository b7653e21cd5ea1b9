import '../../ui/page-styles.css';
import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { Shop } from '../../../shared/schemas';
import { db } from '../../db/database';
import { listShops } from '../../db/shops';
import { ShopList } from '../../ui/ShopList';
import { useLiveQuery } from '../../ui/use-live-query';
import { shopsCsv } from './shops-csv';

function matches(shop: Shop, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [shop.shopCode, shop.name, shop.region, shop.sellerCenterHost].some((v) => v?.toLowerCase().includes(q));
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Dashboard() {
  const { value: shops, error } = useLiveQuery(() => listShops(db));
  const [query, setQuery] = useState('');
  const visible = shops?.filter((s) => matches(s, query)) ?? [];
  return (
    <main style={{ maxWidth: '1100px', margin: '0 auto', padding: '24px' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: '12px' }}>
        <h1>Shop Access Companion</h1>
        <span class="muted">Shops captured on Seller Center in this browser</span>
      </header>
      <section>
        <h2>Shops {shops ? <span class="muted">({shops.length})</span> : null}</h2>
        <p style={{ display: 'flex', gap: '8px' }}>
          <input
            type="search"
            placeholder="Filter by code, name, market or host"
            aria-label="Filter shops"
            value={query}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
          <button type="button" disabled={!shops?.length} onClick={() => download('shops.csv', shopsCsv(visible))}>
            Export CSV
          </button>
        </p>
        {error ? <p role="alert">Could not read your shops: {String(error)}</p> : null}
        {shops ? <ShopList shops={visible} detailed={true} /> : <p class="muted">Loading...</p>}
      </section>
    </main>
  );
}

render(<Dashboard />, document.getElementById('app') as HTMLElement);
