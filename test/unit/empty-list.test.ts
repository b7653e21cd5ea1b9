// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isEmptyListPage } from '../../extension/pages/empty-list';
import { documentChanged } from '../../extension/pages/landmarks';
import { listCompleteness } from '../../extension/pages/list-completeness';
import { MY_SERVICES } from '../../extension/pages/vocabulary/my-services';
import { PARTNER_MANAGEMENT } from '../../extension/pages/vocabulary/partner-management';

const SERVICES_URL = new URL('https://seller-us.tiktok.com/tsp/manage?tab=services');
const ELSEWHERE = new URL('https://seller-us.tiktok.com/homepage');
const SERVICE_HEADERS = '<tr><th>Service name</th><th>Partner</th><th>Status</th><th>Expiry date</th><th>Action</th></tr>';
const table = (headers: string, body: string) => `<table><thead>${headers}</thead><tbody>${body}</tbody></table>`;
const empty = (text = 'No data') => table(SERVICE_HEADERS, `<tr><td colspan="5">${text}</td></tr>`);
/** Arco's fixed header: the headers in a table of their own, the body (or its empty state) in another block. */
const fixedHeader = (body: string) =>
  `<div class="arco-table"><div class="arco-table-header"><table><thead>${SERVICE_HEADERS}</thead></table></div>` +
  `<div class="arco-table-body">${body}</div></div>`;

function services(html: string, url = SERVICES_URL): boolean {
  document.body.innerHTML = `<main>${html}</main>`;
  // As the page watcher does after every batch of changes: headings are read afresh.
  documentChanged(document);
  return isEmptyListPage(url, document, MY_SERVICES);
}

describe('a list page that says it holds nothing is the whole list of none', () => {
  it.each([
    ['My Services with its headers and "No data"', empty()],
    ['"No services yet"', empty('No services yet')],
    ['"No authorized services" is not a word it knows, but "No authorizations" is', empty('No authorizations')],
    [
      'an ARIA grid',
      `<div role="grid"><div role="row"><span role="columnheader">Service</span><span role="columnheader">Partner</span>
        <span role="columnheader">Status</span><span role="columnheader">Expires</span></div><div role="row"><span role="gridcell">No records</span></div></div>`,
    ],
    [
      'a fixed header above a body table holding "No data"',
      fixedHeader(
        '<table><tbody><tr><td colspan="5"><div class="arco-empty"><svg></svg><div>No data</div></div></td></tr></tbody></table>',
      ),
    ],
    ['a fixed header above an empty-state block', fixedHeader('<div class="arco-empty"><svg></svg><div>No data</div></div>')],
    [
      'headers with a note in brackets',
      table(
        '<tr><th>Service name</th><th>Partner</th><th>Status</th><th>Expiry date (UTC+8)</th><th>Action</th></tr>',
        '<tr><td colspan="5">No data</td></tr>',
      ),
    ],
  ])('empty: %s', (_what, html) => {
    expect(services(html)).toBe(true);
    // And whole: nothing around it says more is hidden.
    expect(listCompleteness(document, [])).toEqual({ complete: true });
  });

  it("stays empty with the page's own tab or All selected, and an empty search box", () => {
    expect(
      services(
        `<div role="tablist"><div role="tab" aria-selected="true">My Services</div></div><div role="tablist"><div role="tab" aria-selected="true">All</div></div><input type="search" placeholder="Search" value="">${empty()}`,
      ),
    ).toBe(true);
  });

  it('is not empty while a failure toast shows outside the main region', () => {
    document.body.innerHTML = `<main>${empty()}</main><div class="toast" role="alert">Network error</div>`;
    documentChanged(document);
    expect(isEmptyListPage(SERVICES_URL, document, MY_SERVICES)).toBe(false);
  });

  it('knows the page by its heading when the route says nothing', () => {
    expect(
      services(`<div role="tablist"><div role="tab" aria-selected="true">My Services</div></div>${empty()}`, ELSEWHERE),
    ).toBe(true);
    expect(services(empty(), ELSEWHERE)).toBe(false);
  });

  it.each([
    ['a search that found nothing', empty('No results')],
    ['a spinner drawn by a class', `<div class="arco-spin-loading"></div>${empty()}`],
    ['a skeleton', `<div class="row-skeleton"></div>${empty()}`],
    ['an error beside it', `<div role="alert">Something went wrong. Try again.</div>${empty()}`],
    ['a busy region', `<section aria-busy="true">${empty()}</section>`],
    ['a table of something else', table('<tr><th>Order ID</th><th>Amount</th></tr>', '<tr><td>No data</td></tr>')],
    ['one field named only', table('<tr><th>Partner</th><th>Notes</th></tr>', '<tr><td>No data</td></tr>')],
    [
      'a row of a service',
      table(
        SERVICE_HEADERS,
        '<tr><td>Ads management</td><td>Growth Partners</td><td>Active</td><td>2027-01-01</td><td></td></tr>',
      ),
    ],
    ['a "No data" card with no table', '<div class="card">No data</div>'],
    [
      'no expiry column (My request shares the tab bar)',
      table('<tr><th>Partner</th><th>Service</th><th>Status</th></tr>', '<tr><td>No data</td></tr>'),
    ],
    [
      'a status tab other than All',
      `<div role="tablist"><div role="tab" aria-selected="true">Expired</div><div role="tab">All</div></div>${empty()}`,
    ],
    ['a search typed in a box that does not say "search"', `<input placeholder="Service name" value="Ads">${empty()}`],
    ['a status chosen in a select', `<select><option>All</option><option selected>Active</option></select>${empty()}`],
    ['"No services found" (search wording)', empty('No services found')],
    [
      'a fixed header above a body table with a row',
      fixedHeader(
        '<table><tbody><tr><td>Ads management</td><td>Growth Partners</td><td>Active</td><td>2026-12-17</td><td>Renew</td></tr></tbody></table>',
      ),
    ],
    [
      'a fixed header above "No data" and a pager',
      fixedHeader(
        '<div class="arco-empty">No data</div><div class="arco-pagination"><span>Total 12</span><button>2</button></div>',
      ),
    ],
    ['a fixed header with nothing below it yet', fixedHeader('')],
  ])('not empty: %s', (_what, html) => {
    expect(services(html)).toBe(false);
  });

  it('reads Partner Management the same way, by its own words', () => {
    document.body.innerHTML = `<main><nav><span aria-current="page">Partner Management</span></nav>${table(
      '<tr><th>Business Center</th><th>Business Center ID</th><th>Permission</th><th>Status</th></tr>',
      '<tr><td colspan="4">No data</td></tr>',
    )}</main>`;
    documentChanged(document);
    expect(
      isEmptyListPage(new URL('https://seller-us.tiktok.com/ads/account/partner-management'), document, PARTNER_MANAGEMENT),
    ).toBe(true);
    // The My Services words do not make a Partner Management table theirs.
    expect(isEmptyListPage(SERVICES_URL, document, MY_SERVICES)).toBe(false);
  });
});
