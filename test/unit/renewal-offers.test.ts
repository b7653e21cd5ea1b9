import { describe, expect, it } from 'vitest';
import { dashboardPathFor } from '../../extension/background/notification-target';
import { renewalLines } from '../../extension/features/my-services-badges';

const EXPIRES = Date.UTC(2026, 11, 16);
const due = [{ row: { serviceName: 'Ads helper', partner: 'Northwind Motor' }, expiresAt: EXPIRES, days: 12 }];

describe('My Services offers the renewal the region allows', () => {
  it('a US shop: one line per service with the message asking the partner for a link, ready to copy', () => {
    const [line, ...rest] = renewalLines(due, {
      shopCode: 'USLCQPEV3N',
      name: 'Maple & Moss Home',
      region: 'US',
      sellerType: 'local',
    });
    expect(rest).toEqual([]);
    expect(line?.text).toBe(
      'Ads helper (Northwind Motor): 12 days left; US sellers renew only through an authorization link from the partner.',
    );
    expect(line?.copy?.label).toBe('Ask for a renewal link');
    expect(line?.copy?.text).toContain('"Ads helper"');
    expect(line?.copy?.text).toContain('Maple & Moss Home (shop code USLCQPEV3N)');
    expect(line?.copy?.text).toContain('2026-12-16');
  });

  it('a cross-border shop asks for a link too, whatever its market', () => {
    expect(renewalLines(due, { shopCode: 'CNLC000001', region: 'MX', sellerType: 'cross_border' })[0]?.copy).toBeDefined();
  });

  it('a Mexican local shop is pointed to Renew, with nothing to copy; nothing due, nothing said', () => {
    const lines = renewalLines(due, { shopCode: 'MXLC000001', region: 'MX', sellerType: 'local' });
    expect(lines).toEqual([{ text: expect.stringContaining('choose the renewal period') }]);
    expect(renewalLines([], { shopCode: 'USLCQPEV3N', region: 'US', sellerType: 'local' })).toEqual([]);
  });
});

describe('a click on a notification opens the view that holds it', () => {
  it('a reminder opens the authorizations, a change What changed', () => {
    expect(dashboardPathFor('expiry|a1|2026-12-16|15')).toBe('/dashboard.html?tab=Authorizations');
    expect(dashboardPathFor('lost:7000000000009:USLCLOST01:request_access:1')).toBe('/dashboard.html?tab=What%20changed');
  });
});
