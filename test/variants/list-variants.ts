import { MARKUPS, pageAround, type Table } from './markups';

/**
 * Layout variants of TikTok's list pages: the same records through every markup, several sets of
 * header and label words (some nobody listed), and the date shapes each region writes. Every variant
 * carries the records a reader must get back from it.
 */

export type Region = 'US' | 'GB' | 'DE';

export interface Variant<Expected> {
  name: string;
  host: string;
  path: string;
  html: string;
  expected: Expected[];
}

const HOSTS: Record<Region, string> = { US: 'seller-us.tiktok.com', GB: 'seller-uk.tiktok.com', DE: 'seller-de.tiktok.com' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day as the records hold it; dates in pages are written from it. */
export interface Day {
  y: number;
  m: number;
  d: number;
}

export function dayFromNow(days: number, now = new Date()): Day {
  const at = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, 12);
  return { y: at.getFullYear(), m: at.getMonth() + 1, d: at.getDate() };
}

export const dayKey = ({ y, m, d }: Day) => `${y}-${pad(m)}-${pad(d)}`;

/** The date shapes each region writes (numeric order by region; ISO, named months and zones everywhere). */
export const DATE_SHAPES: Record<Region, ((day: Day) => string)[]> = {
  US: [
    ({ y, m, d }) => `${pad(m)}/${pad(d)}/${y}`,
    ({ y, m, d }) => `${MONTHS[m - 1]} ${d}, ${y}`,
    ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)} 12:00:00`,
    ({ y, m, d }) => `${pad(m)}/${pad(d)}/${y} 11:30 AM (UTC-5)`,
  ],
  GB: [
    ({ y, m, d }) => `${pad(d)}/${pad(m)}/${y}`,
    ({ y, m, d }) => `${d} ${MONTHS[m - 1]} ${y}`,
    ({ y, m, d }) => `${y}/${pad(m)}/${pad(d)} 12:00`,
  ],
  DE: [({ y, m, d }) => `${pad(d)}.${pad(m)}.${y}`, ({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}T12:00:00Z`],
};

/** How a period's two dates are joined: in one text, or as three elements with no space between. */
export const PERIOD_JOINS: ((a: string, b: string) => string)[] = [
  (a, b) => `${a} ~ ${b}`,
  (a, b) => `${a} - ${b}`,
  (a, b) => `${a} \u2013 ${b}`,
  (a, b) => `${a} to ${b}`,
  (a, b) => `<span>${a}</span><span>~</span><span>${b}</span>`,
];

/** Every third variant is pretty-printed (whitespace between elements); the others have none, as React renders. */
function spaced(html: string, i: number): string {
  return i % 3 === 0 ? html.replace(/></g, '>\n    <') : html;
}

// ---------------------------------------------------------------- My Services

export interface ServiceExpectation {
  serviceName: string;
  partner: string;
  status: string;
  expires: string;
}

interface ServiceRecord {
  service: string;
  partner: string;
  type: string;
  status: string;
  from: number;
  to: number;
}

const SERVICES: ServiceRecord[] = [
  { service: 'Ads management', partner: 'Growth Partners Ltd', type: 'Custom Service', status: 'Active', from: -353, to: 12 },
  { service: 'Livestream operations', partner: 'Bright Studio', type: 'Public Service', status: 'Active', from: -300, to: 0 },
  {
    service: 'Catalog optimisation',
    partner: 'Nordic Retail Co',
    type: 'Custom Service',
    status: 'Completed',
    from: -400,
    to: -3,
  },
  {
    service: 'Creator outreach',
    partner: 'Spark Agency',
    type: 'Public Service',
    status: 'Authorisation Cancelled',
    from: -100,
    to: 200,
  },
  { service: 'Store design', partner: 'Closed Partner Inc', type: 'Custom Service', status: 'Closed', from: -50, to: 300 },
  { service: 'Fulfilment 24', partner: 'Fast Ship 2', type: 'Custom Service', status: 'Active', from: -200, to: 25 },
];

/** Header words per column; `period` sets show one column with the whole authorization period. */
const SERVICE_HEADERS: { words: string[]; period: boolean }[] = [
  { words: ['Service name', 'Partner', 'Service type', 'Status', 'Authorization date', 'Expiry date'], period: false },
  { words: ['Service', 'Service provider', 'Type', 'Authorisation status', 'Authorised on', 'Valid until'], period: false },
  { words: ['Services', 'TSP', 'Category', 'State', 'Start time', 'End time (UTC+8)'], period: false },
  { words: ['Service package', 'Partner name', 'Service type', 'Status', 'Authorization period'], period: true },
  // Nobody listed "Window": the column is the period by the shape of its values.
  { words: ['App', 'Developer', 'Type', 'Status', 'Window'], period: true },
];

function servicesTable(
  headers: { words: string[]; period: boolean },
  shape: (day: Day) => string,
  join: (a: string, b: string) => string,
): Table {
  const rows = SERVICES.map((r) => {
    const from = shape(dayFromNow(r.from));
    const to = shape(dayFromNow(r.to));
    const status = `<span class="arco-tag">${r.status}</span>`;
    const base = [r.service, r.partner, r.type, status];
    return headers.period ? [...base, join(from, to)] : [...base, from, to];
  });
  return { headers: headers.words, rows, titleColumn: 0, unlabelled: [3] };
}

const STATUS_WORDS: Record<string, string> = {
  Active: 'active',
  Completed: 'completed',
  'Authorisation Cancelled': 'authorization_canceled',
  Closed: 'closed',
};

export function myServicesVariants(): Variant<ServiceExpectation>[] {
  const out: Variant<ServiceExpectation>[] = [];
  const expected = SERVICES.map((r) => ({
    serviceName: r.service,
    partner: r.partner,
    status: STATUS_WORDS[r.status] as string,
    expires: dayKey(dayFromNow(r.to)),
  }));
  let i = 0;
  for (const [markupName, markup] of Object.entries(MARKUPS)) {
    for (const headers of SERVICE_HEADERS) {
      for (const region of Object.keys(DATE_SHAPES) as Region[]) {
        for (const shape of DATE_SHAPES[region]) {
          const join = PERIOD_JOINS[i++ % PERIOD_JOINS.length] as (a: string, b: string) => string;
          const table = servicesTable(headers, shape, join);
          out.push({
            name: `My Services: ${markupName}; headers "${headers.words.join(' | ')}"; ${region} dates like "${shape({ y: 2026, m: 12, d: 5 })}"`,
            host: HOSTS[region],
            // Routes differ from the fixtures' on purpose: the page is known by its content.
            path: `/partner/center/list?v=${i}`,
            // Half the variants give no hint at all (no matching route, heading or tab): content alone must tell.
            html: spaced(pageAround(markup(table), { tabs: i % 2 ? ['Services', 'Requests'] : ['Overview', 'Billing'] }), i),
            expected,
          });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- My request

export interface RequestExpectation {
  partner: string;
  status: string;
}

const REQUESTS = [
  { partner: 'Growth Partners Ltd', id: 'REQ-1001', at: -20, status: 'Partner reviewing' },
  { partner: 'Bright Studio', id: 'REQ-1002', at: -15, status: 'Partner accepted' },
  { partner: 'Spark Agency', id: 'REQ-1003', at: -9, status: 'Connected' },
  { partner: 'Nordic Retail Co', id: 'REQ-1004', at: -4, status: 'Rejected' },
  { partner: 'Old Friends LLC', id: 'REQ-1005', at: -2, status: 'Closed' },
];

const REQUEST_HEADERS = [
  ['Partner', 'Request ID', 'Submitted', 'Status'],
  ['Service provider', 'Request no.', 'Request time', 'Request status'],
  ['TSP name', 'Ref', 'Submission date', 'Progress'],
];

export function myRequestVariants(): Variant<RequestExpectation>[] {
  const out: Variant<RequestExpectation>[] = [];
  const expected = REQUESTS.map((r) => ({ partner: r.partner, status: r.status.toLowerCase().replace(/ /g, '_') }));
  let i = 0;
  for (const [markupName, markup] of Object.entries(MARKUPS)) {
    for (const headers of REQUEST_HEADERS) {
      for (const region of ['US', 'GB'] as Region[]) {
        const shape = DATE_SHAPES[region][i % DATE_SHAPES[region].length] as (day: Day) => string;
        i++;
        const table: Table = {
          headers,
          rows: REQUESTS.map((r) => [r.partner, r.id, shape(dayFromNow(r.at)), `<span class="tag">${r.status}</span>`]),
          titleColumn: 0,
          unlabelled: [3],
        };
        out.push({
          name: `My request: ${markupName}; headers "${headers.join(' | ')}"; ${region}`,
          host: HOSTS[region],
          path: `/partner/center/applications?v=${i}`,
          html: spaced(pageAround(markup(table), { heading: i % 2 ? 'Partner requests' : 'Overview' }), i),
          expected,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- Partner Management

export interface PartnerExpectation {
  businessCenterName: string;
  businessCenterId: string;
  permission: string;
  status: string;
}

const PARTNERS = [
  { name: 'Growth Agency BC', id: '7123456789012345678', permission: 'Manager', status: 'Approved' },
  { name: 'Spark Media BC', id: '7123456789012345679', permission: 'Ad promotion', status: 'Pending' },
  { name: 'Old Agency BC', id: '7123456789012345680', permission: 'Ad promotion', status: 'Rejected' },
];

const PARTNER_HEADERS = [
  ['Business Center', 'Business Center ID', 'Permission', 'Status'],
  ['Partner', 'BC ID', 'Role', 'Access status'],
  ['Business Centre name', 'ID', 'Access level', 'State'],
];

export function partnerManagementVariants(): Variant<PartnerExpectation>[] {
  const out: Variant<PartnerExpectation>[] = [];
  const expected = PARTNERS.map((p) => ({
    businessCenterName: p.name,
    businessCenterId: p.id,
    permission: p.permission,
    status: p.status.toLowerCase(),
  }));
  let i = 0;
  for (const [markupName, markup] of Object.entries(MARKUPS)) {
    for (const headers of PARTNER_HEADERS) {
      i++;
      const table: Table = {
        headers,
        rows: PARTNERS.map((p) => [p.name, p.id, p.permission, `<span class="tag">${p.status}</span>`]),
        titleColumn: 0,
      };
      out.push({
        name: `Partner Management: ${markupName}; headers "${headers.join(' | ')}"`,
        host: HOSTS.US,
        path: `/ads/partners?v=${i}`,
        html: spaced(pageAround(markup(table), { heading: i % 2 ? 'Partner Management' : 'Overview' }), i),
        expected,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------- Business Center Shops

export interface ShopExpectation {
  code: string;
  name: string;
  pending: boolean;
}

const SHOPS = [
  { name: 'Maple & Moss Home', code: 'USLCQPEV3N', region: 'United States', pending: false },
  { name: 'Sunny Isles Beauty', code: 'GBGBLCRKQTEX', region: 'United Kingdom', pending: true },
  { name: 'Kopi Kita', code: 'IDIDLCF7PLWCU', region: 'Indonesia', pending: false },
];

export function bcShopsVariants(): Variant<ShopExpectation>[] {
  const out: Variant<ShopExpectation>[] = [];
  const expected = SHOPS.map((s) => ({ code: s.code, name: s.name, pending: s.pending }));
  let i = 0;
  for (const [markupName, markup] of Object.entries(MARKUPS)) {
    // The code in a column of its own, or under the shop's name with no space before the next cell.
    for (const codeUnderName of [false, true]) {
      i++;
      const status = (s: (typeof SHOPS)[number]) => (s.pending ? '<span class="tag">Pending approval</span>' : 'Active');
      const table: Table = codeUnderName
        ? {
            headers: ['Shop', 'Region', 'Status'],
            rows: SHOPS.map((s) => [`<div class="name">${s.name}</div><div class="code">${s.code}</div>`, s.region, status(s)]),
            titleColumn: 0,
          }
        : {
            headers: ['Shop name', 'Shop code', 'Region', 'Access status'],
            rows: SHOPS.map((s) => [s.name, s.code, s.region, status(s)]),
            titleColumn: 0,
          };
      out.push({
        name: `Business Center Shops: ${markupName}; ${codeUnderName ? 'code under the name' : 'code column'}`,
        host: 'business.tiktok.com',
        path: `/manage/assets/shops?org_id=7000000000001&v=${i}`,
        html: spaced(pageAround(markup(table), { heading: 'Shops' }), i),
        expected,
      });
    }
  }
  return out;
}
