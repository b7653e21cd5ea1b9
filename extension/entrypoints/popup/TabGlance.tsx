import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { daysLeft, expiryLabel } from '../../../shared/expiry';
import { sellerCenterHost } from '../../../shared/markets';
import type { Shop, ShopAccessRequest, TspAuthorization } from '../../../shared/schemas';
import { businessCenterLabel } from '../../../shared/shop-assignment';
import { quotaFor } from '../../db/access-requests';
import { expiringSoon } from '../../db/authorizations';
import { db } from '../../db/database';
import { sendMessage } from '../../messaging';
import type { BcOverview } from '../../protocol-types';
import { DEFAULT_SETTINGS } from '../../settings';

type Glance =
  | { kind: 'none' }
  | { kind: 'seller'; host: string; shop: Shop | null; expiring: TspAuthorization[]; waiting: ShopAccessRequest[] }
  | { kind: 'business'; orgId: string; name?: string; quota: BcOverview['quota']; waiting: ShopAccessRequest[] };

const DAY = 86_400_000;
const age = (since: number | undefined, now: number) =>
  since === undefined ? '' : ` for ${Math.max(0, Math.floor((now - since) / DAY))} days`;

/** What the active tab is, from what its helpers reported (no tabs permission: the URL comes from them). */
async function readGlance(now: number): Promise<Glance> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { kind: 'none' };
  const reports = await sendMessage('helperReports', { tabId: tab.id }).catch(() => []);
  const url = reports[0]?.url ? new URL(reports[0].url) : null;
  if (!url) return { kind: 'none' };
  const settings = await sendMessage('getSettings').catch(() => DEFAULT_SETTINGS);
  if (url.hostname === 'business.tiktok.com') {
    const orgId = url.searchParams.get('org_id');
    if (!orgId) return { kind: 'none' };
    const requests = await db.accessRequests.where('businessCenterId').equals(orgId).toArray();
    return {
      kind: 'business',
      orgId,
      name: (await db.businessCenters.get(orgId))?.name ?? requests.find((r) => r.businessCenterName)?.businessCenterName,
      quota: await quotaFor(db, orgId, now),
      waiting: requests.filter((r) => r.status === 'pending' && r.lostAt === undefined),
    };
  }
  if (!sellerCenterHost(url.hostname)) return { kind: 'none' };
  // The shop this host showed last: Seller information names it; one shop per host is the common case.
  const shops = await db.shops.filter((s) => s.sellerCenterHost === url.hostname).toArray();
  const shop = shops.sort((a, b) => b.lastSeenAt - a.lastSeenAt)[0] ?? null;
  const expiring = shop
    ? (await expiringSoon(db, new Date(now), settings.noticeDays, shop.shopCode)).sort(
        (a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0),
      )
    : [];
  const waiting = shop
    ? (await db.accessRequests.where('shopCode').equals(shop.shopCode).toArray()).filter(
        (r) => r.status === 'pending' && r.lostAt === undefined,
      )
    : [];
  return { kind: 'seller', host: url.hostname, shop, expiring, waiting };
}

/** The popup's first lines: what matters on the tab the person is looking at, without a team and offline too. */
export function TabGlance() {
  const [glance, setGlance] = useState<Glance | null>(null);
  const now = Date.now();
  useEffect(() => {
    void readGlance(Date.now()).then(setGlance, () => setGlance({ kind: 'none' }));
  }, []);
  if (!glance) return null;
  const dashboard = (tab: string) => browser.runtime.getURL(`/dashboard.html?tab=${encodeURIComponent(tab)}`);
  if (glance.kind === 'none') {
    return (
      <p class="muted" data-testid="tab-glance" data-kind="none">
        This tab is not a TikTok Shop Seller Center or Business Center Shops page the extension works on.
      </p>
    );
  }
  if (glance.kind === 'business') {
    const oldest = glance.waiting.reduce((min, r) => Math.min(min, r.requestedAt ?? now), now);
    return (
      <section data-testid="tab-glance" data-kind="business">
        <h2>This Business Center: {businessCenterLabel(glance.orgId, glance.name)}</h2>
        <p>
          Today: {glance.quota.used} of {glance.quota.limit} requests used, {glance.quota.remaining} left.
        </p>
        <p>
          {glance.waiting.length === 0
            ? 'No request is waiting on a seller.'
            : `${glance.waiting.length} request(s) waiting on sellers, the oldest${age(oldest, now)}.`}{' '}
          <a href={dashboard('Access requests')} target="_blank" rel="noreferrer">
            Access requests
          </a>
        </p>
      </section>
    );
  }
  const { shop } = glance;
  return (
    <section data-testid="tab-glance" data-kind="seller">
      <h2>{shop ? `This shop: ${shop.name ?? shop.shopCode}` : `Seller Center (${glance.host})`}</h2>
      {!shop && (
        <p class="muted">Open My Account &gt; Seller profile &gt; Seller information once, so the extension knows the shop.</p>
      )}
      {shop && glance.expiring.length === 0 && <p>Nothing expires soon.</p>}
      {glance.expiring.length > 0 && (
        <ul>
          {glance.expiring.map((a) => (
            <li key={a.id}>
              {a.serviceName} ({a.partner}): {expiryLabel(daysLeft(new Date(a.expiresAt as number), new Date(now))).toLowerCase()}
            </li>
          ))}
        </ul>
      )}
      {glance.waiting.length > 0 && (
        <p>
          {glance.waiting.length} Business Center request(s) wait for this shop's approval
          {age(glance.waiting[0]?.requestedAt, now)}.
        </p>
      )}
      <p>
        <a href={dashboard('Authorizations')} target="_blank" rel="noreferrer">
          Authorizations
        </a>
      </p>
    </section>
  );
}
