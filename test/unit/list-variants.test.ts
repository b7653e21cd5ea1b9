// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import type { PageBatch } from '../../extension/features/watch-page';
import { readShopList, readShops } from '../../extension/pages/business-center';
import { listCompleteness } from '../../extension/pages/list-completeness';
import { recogniseList } from '../../extension/pages/list-pages';
import { toServiceRow } from '../../extension/pages/my-services';
import { dateOrderOf } from '../../extension/pages/page-date-order';
import { toPartnerRow } from '../../extension/pages/partner-management';
import { forgetRecognition } from '../../extension/pages/recognition-memo';
import { toRequestRow } from '../../extension/pages/tsp-requests';
import { SELLER_CENTER_LISTS } from '../../extension/pages/vocabulary';
import { MY_REQUEST } from '../../extension/pages/vocabulary/my-request';
import { MY_SERVICES } from '../../extension/pages/vocabulary/my-services';
import { PARTNER_MANAGEMENT } from '../../extension/pages/vocabulary/partner-management';
import { interpretAuthorization } from '../../shared/authorization-badge';
import { readStatus } from '../../shared/statuses';
import {
  bcShopsVariants,
  dayKey,
  myRequestVariants,
  myServicesVariants,
  partnerManagementVariants,
  type Variant,
} from '../variants/list-variants';

/**
 * The layout-variant generator run through the reader the helpers use, in a DOM: every variant
 * must give back the same records, and no other list page may claim them.
 */

const FULL: PageBatch = { full: true, touched: () => true, onlyWithin: () => false };

function load(variant: Variant<unknown>): URL {
  forgetRecognition(document);
  document.body.innerHTML = variant.html;
  return new URL(`https://${variant.host}${variant.path}`);
}

const localDay = (at: number | null) => {
  if (at === null) return null;
  const d = new Date(at);
  return dayKey({ y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
};

beforeEach(() => {
  document.head.innerHTML = '<title>Seller Center</title>';
});

describe('My Services, in every markup, header words and date shape', () => {
  const variants = myServicesVariants();
  it('generates enough variants to mean something', () => {
    expect(variants.length).toBeGreaterThanOrEqual(400);
  });
  it.each(variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const url = load(variant);
    const found = recogniseList(url, document, FULL, MY_SERVICES, SELLER_CENTER_LISTS);
    expect(found.state).toBe('match');
    if (found.state !== 'match') return;
    expect(recogniseList(url, document, FULL, MY_REQUEST, SELLER_CENTER_LISTS).state).toBe('no');
    expect(recogniseList(url, document, FULL, PARTNER_MANAGEMENT, SELLER_CENTER_LISTS).state).toBe('no');
    const order = dateOrderOf(url);
    const records = found.set.records();
    const read = records.map((record) => {
      const { values, elements } = found.plan.read(record);
      // The badge goes inside the record's own element.
      if (elements.expiresAt) expect(record.contains(elements.expiresAt)).toBe(true);
      const row = toServiceRow(values);
      if (!row) return null;
      const meaning = interpretAuthorization(row, order, new Date());
      return {
        serviceName: row.serviceName,
        partner: row.partner,
        status: meaning.status ?? `unread: ${row.status}`,
        expires: localDay(meaning.expiresAt) ?? `unread: ${row.expiresAt}`,
      };
    });
    expect(read).toEqual(variant.expected);
    // Every variant shows its whole list: nothing in any markup may read as a pager, filter or spinner.
    expect(listCompleteness(document, found.set.records())).toEqual({ complete: true });
  });
});

describe('My request, in every markup and header words', () => {
  const variants = myRequestVariants();
  it.each(variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const url = load(variant);
    const found = recogniseList(url, document, FULL, MY_REQUEST, SELLER_CENTER_LISTS);
    expect(found.state).toBe('match');
    if (found.state !== 'match') return;
    expect(recogniseList(url, document, FULL, MY_SERVICES, SELLER_CENTER_LISTS).state).toBe('no');
    const read = found.set.records().map((record) => {
      const row = toRequestRow(found.plan.read(record).values);
      const status = row ? readStatus('tspRequest', row.status) : null;
      return row && { partner: row.partner, status: status?.known ? status.status : `unread: ${row.status}` };
    });
    expect(read).toEqual(variant.expected);
    // Every variant shows its whole list: nothing in any markup may read as a pager, filter or spinner.
    expect(listCompleteness(document, found.set.records())).toEqual({ complete: true });
  });
});

describe('Partner Management, in every markup and header words', () => {
  const variants = partnerManagementVariants();
  it.each(variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const url = load(variant);
    const found = recogniseList(url, document, FULL, PARTNER_MANAGEMENT, SELLER_CENTER_LISTS);
    expect(found.state).toBe('match');
    if (found.state !== 'match') return;
    const read = found.set.records().map((record) => {
      const row = toPartnerRow(found.plan.read(record).values);
      const status = row ? readStatus('partnerAccess', row.status) : null;
      return (
        row && {
          businessCenterName: row.businessCenterName,
          businessCenterId: row.businessCenterId,
          permission: row.permission,
          status: status?.known ? status.status : `unread: ${row.status}`,
        }
      );
    });
    expect(read).toEqual(variant.expected);
    // Every variant shows its whole list: nothing in any markup may read as a pager, filter or spinner.
    expect(listCompleteness(document, found.set.records())).toEqual({ complete: true });
  });
});

describe('Business Center Shops, in every markup, code in its own column or under the name', () => {
  const variants = bcShopsVariants();
  it.each(variants.map((v) => [v.name, v] as const))('%s', (_name, variant) => {
    const url = load(variant);
    expect(readShopList(url, document, FULL)).toEqual(variant.expected);
    expect(readShops(url, document, FULL)?.completeness).toEqual({ complete: true });
  });
});
