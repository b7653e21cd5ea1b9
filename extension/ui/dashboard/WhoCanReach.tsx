import { useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import type { Shop } from '../../../shared/schemas';
import { isAuthorizationCountingDown } from '../../../shared/statuses';
import { db } from '../../db/database';
import { useLiveQuery } from '../use-live-query';

const myServicesUrls = storage.defineItem<Record<string, string>>('local:myServicesUrls', { fallback: {} });

/** The ways the seeds give to end each kind of access (000: Cancel authorization; 004: Remove access). */
const END_SERVICE = 'Seller Center > TikTok Shop Partner > My Services: Cancel on the service, then Cancel Authorization.';
const END_BC = [
  'Seller Center > Ads > Account Management > Partner Management: Remove access on the Business Center.',
  "Or in the seller's own Business Center: Assets > Shops, select the shop, Partners tab, the trash can beside the partner.",
];

/**
 * Who can reach one shop: partner services with their status and expiry, Business Centers with
 * their permission and status, and for each the way to end it, with a link to the right page.
 */
export function WhoCanReach({ shops }: { shops: Shop[] }) {
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('shop') ?? shops[0]?.shopCode ?? '');
  const services = useLiveQuery(() => db.authorizations.where('shopCode').equals(code).toArray(), [code]).value ?? [];
  const centers = useLiveQuery(() => db.partnerAccess.where('shopCode').equals(code).toArray(), [code]).value ?? [];
  const urls = useLiveQuery(() => myServicesUrls.getValue()).value ?? {};
  const shop = shops.find((s) => s.shopCode === code);
  if (shops.length === 0) return null;
  const home = shop?.sellerCenterHost ? `https://${shop.sellerCenterHost}/` : null;
  const servicesPage = (shop?.sellerCenterHost && urls[shop.sellerCenterHost]) || home;
  // Ads > Account Management > Partner Management, where Remove access is (tiktok-pages.md).
  const partnersPage = home ? `${home}ads/account/partner-management` : null;
  const reaching = services.filter((a) => a.lostAt === undefined && a.status !== null && isAuthorizationCountingDown(a.status));
  const current = centers.filter((c) => c.lostAt === undefined);
  return (
    <section data-testid="who-can-reach" aria-label="Who can reach my shop">
      <h2>Who can reach my shop</h2>
      <label class="field">
        Shop{' '}
        <select value={code} onChange={(e) => setCode((e.target as HTMLSelectElement).value)}>
          {shops.map((s) => (
            <option key={s.shopCode} value={s.shopCode}>
              {s.name ? `${s.name} (${s.shopCode})` : s.shopCode}
            </option>
          ))}
        </select>
      </label>
      <h3>Partner services ({reaching.length} active)</h3>
      {services.length === 0 ? (
        <p class="muted">None seen: open My Services in this shop's Seller Center.</p>
      ) : (
        <ul data-testid="reach-services">
          {services.map((a) => (
            <li key={a.id}>
              {a.serviceName} by {a.partner}:{' '}
              {a.lostAt !== undefined ? 'no longer listed' : a.rawStatus || a.status || 'status unknown'}
              {a.expiresAt ? `, until ${new Date(a.expiresAt).toLocaleDateString()}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        To end one: {END_SERVICE}{' '}
        {servicesPage && (
          <a href={servicesPage} target="_blank" rel="noreferrer">
            Open My Services
          </a>
        )}
      </p>
      <h3>Business Centers ({current.length} listed)</h3>
      {centers.length === 0 ? (
        <p class="muted">None seen: open Ads &gt; Account Management &gt; Partner Management in this shop's Seller Center.</p>
      ) : (
        <ul data-testid="reach-centers">
          {centers.map((c) => (
            <li key={c.id} data-removed={c.lostAt === undefined ? 'no' : 'yes'}>
              {c.businessCenterName}
              {c.businessCenterId ? ` (${c.businessCenterId})` : ''}: {c.permission ?? 'permission not shown'}, {c.rawStatus}
              {c.lostAt !== undefined ? `; removed (not listed since ${new Date(c.lostAt).toLocaleDateString()})` : ''}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        To end one: {END_BC[0]} {END_BC[1]}{' '}
        {partnersPage && (
          <a href={partnersPage} target="_blank" rel="noreferrer">
            Open Partner Management
          </a>
        )}
      </p>
    </section>
  );
}
