import { formatDistanceToNowStrict } from 'date-fns';
import { useState } from 'preact/hooks';
import { agencyMessage } from '../../shared/agency-message';
import type { Shop } from '../../shared/schemas';
import { copyText } from './clipboard';

const SELLER_TYPE = { local: 'Local', cross_border: 'Cross-border' } as const;

export function EmptyShops() {
  return (
    <p class="empty" data-testid="shops-empty">
      No shops yet. Open Seller Center &gt; My Account &gt; Seller profile &gt; Seller information and the shop code is kept here.
    </p>
  );
}

/** The captured shops; every value is page-derived, so it is rendered as text only. */
export function ShopList({ shops, detailed }: { shops: Shop[]; detailed: boolean }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (key: string, text: string) => setCopied((await copyText(text)) ? key : null);
  if (shops.length === 0) return <EmptyShops />;
  const copyButton = (shop: Shop, kind: 'code' | 'msg') => {
    const key = `${kind}:${shop.shopCode}`;
    const label = kind === 'code' ? 'Copy code' : 'Copy message';
    return (
      <button type="button" onClick={() => copy(key, kind === 'code' ? shop.shopCode : agencyMessage(shop))}>
        {copied === key ? 'Copied' : label}
      </button>
    );
  };
  const seen = (shop: Shop) => (
    <span class="muted" title={new Date(shop.lastSeenAt).toISOString()}>
      {formatDistanceToNowStrict(shop.lastSeenAt, { addSuffix: true })}
    </span>
  );
  if (!detailed) {
    return (
      <ul class="shop-cards" data-testid="shop-list">
        {shops.map((shop) => (
          <li key={shop.shopCode} data-shop-code={shop.shopCode}>
            <div class="shop-card-main">
              <span class="code">{shop.shopCode}</span>
              <span class="shop-name">{shop.name ?? '(name not shown)'}</span>
              <small>
                {shop.region ?? '?'} - {SELLER_TYPE[shop.sellerType]} - seen {seen(shop)}
              </small>
            </div>
            {copyButton(shop, 'code')}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <table data-testid="shop-list">
      <thead>
        <tr>
          <th>Shop code</th>
          <th>Shop</th>
          <th>Market</th>
          <th>Type</th>
          <th>Seller Center</th>
          <th>Last seen</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {shops.map((shop) => (
          <tr key={shop.shopCode} data-shop-code={shop.shopCode}>
            <td class="code">
              <a href={`?tab=Shops&shop=${encodeURIComponent(shop.shopCode)}`} title="Everything about this shop on one page">
                {shop.shopCode}
              </a>
            </td>
            <td>{shop.name ?? <span class="muted">(name not shown)</span>}</td>
            <td>{shop.region ?? <span class="muted">?</span>}</td>
            <td>
              <span class="pill">{SELLER_TYPE[shop.sellerType]}</span>
            </td>
            <td class="muted">{shop.sellerCenterHost}</td>
            <td>{seen(shop)}</td>
            <td class="actions">
              {copyButton(shop, 'code')} {copyButton(shop, 'msg')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
