import type { Shop } from '../../../shared/schemas';
import type { Settings } from '../../settings';
import { AccessRequestTable } from './AccessRequests';
import { Authorizations } from './Authorizations';
import { Requests } from './Requests';
import { WhatChanged } from './WhatChanged';
import { WhoCanReach } from './WhoCanReach';

const SELLER_TYPE = { local: 'Local seller', cross_border: 'Cross-border seller' } as const;

/** One shop on one page: who can reach it, its partner services and requests, Business Center requests, what changed. */
export function ShopPage({ shop, settings }: { shop: Shop; settings: Settings }) {
  const code = shop.shopCode;
  return (
    <section data-testid="shop-page" aria-label={`Shop ${code}`}>
      <p>
        <a href="?tab=Shops">All shops</a>
      </p>
      <h2>
        {shop.name ?? '(name not shown)'} <span class="code">{code}</span>
      </h2>
      <p class="muted">{[shop.region, SELLER_TYPE[shop.sellerType], shop.sellerCenterHost].filter(Boolean).join(' - ')}</p>
      <WhoCanReach shops={[shop]} />
      <h2>Partner authorizations (My Services)</h2>
      <Authorizations settings={settings} shopCode={code} />
      <Requests shopCode={code} />
      <h2>Access requests from Business Center</h2>
      <AccessRequestTable shopCode={code} />
      <h2>What changed for this shop</h2>
      <WhatChanged shopCode={code} />
    </section>
  );
}
