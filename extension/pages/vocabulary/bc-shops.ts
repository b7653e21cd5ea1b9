import type { PageVocabulary } from './vocabulary';

export interface ShopListRow {
  name: string;
  code: string;
  status: string;
  requestedAt: string;
}

/** Business Center > Assets > Shops (seed 004): the shops the Business Center holds or has asked for. */
export const BC_SHOPS: PageVocabulary<keyof ShopListRow> = {
  id: 'bc-shops',
  pageName: 'Business Center Shops',
  statusKind: 'shopAccess',
  required: ['code'],
  requiredWithHint: ['code'],
  route: /\/assets\/shops?\b|\/shops?\b/i,
  heading: /^(tiktok )?shops$/i,
  fields: [
    {
      key: 'name',
      shape: 'title',
      labels: ['shop', 'shop name', 'tiktok shop', 'name', 'store', 'store name', 'asset', 'asset name'],
      tids: ['shop_name', 'shopname', 'asset_name'],
    },
    {
      key: 'code',
      shape: 'code',
      labels: ['shop code', 'code', 'shop id', 'tiktok shop code', 'store code'],
      tids: ['shop_code', 'shopcode'],
    },
    {
      key: 'status',
      shape: 'status',
      labels: ['status', 'access status', 'state', 'approval status'],
      tids: ['status'],
    },
    {
      // When the request was made (or the shop added): a request made by hand counts toward that day's 20.
      key: 'requestedAt',
      shape: 'date',
      labels: [
        'request time',
        'requested',
        'requested on',
        'requested at',
        'request date',
        'date requested',
        'date added',
        'added on',
        'added time',
        'time added',
        'application time',
      ],
      tids: ['request_time', 'requested_at', 'create_time', 'apply_time'],
    },
  ],
};
