import '../../ui/page-styles.css';
import { render } from 'preact';
import { db } from '../../db/database';
import { listShops } from '../../db/shops';
import { ShopList } from '../../ui/ShopList';
import { useLiveQuery } from '../../ui/use-live-query';

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
      <h2>Your shops {shops ? <span class="muted">({shops.length})</span> : null}</h2>
      {error ? <p role="alert">Could not read your shops: {String(error)}</p> : null}
      {shops ? <ShopList shops={shops.slice(0, 8)} detailed={false} /> : <p class="muted">Loading...</p>}
      {shops && shops.length > 8 ? <p class="muted">and {shops.length - 8} more in the dashboard.</p> : null}
    </main>
  );
}

render(<Popup />, document.getElementById('app') as HTMLElement);
