import { describe, expect, it } from 'vitest';
import { interpretAuthorization } from '../../shared/authorization-badge';
import { dateShape, readPagePeriod } from '../../shared/page-dates';
import { normalizeWords, WordList } from '../../shared/page-words';
import { readStatus } from '../../shared/statuses';

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe('readPagePeriod', () => {
  it.each([
    ['2026-01-01 ~ 2026-12-31', 'unknown'],
    ['2026-01-01~2026-12-31', 'unknown'],
    ['2026-01-01 - 2026-12-31', 'unknown'],
    ['2026-01-01-2026-12-31', 'unknown'],
    ['2026-01-01 \u2013 2026-12-31', 'unknown'],
    ['2026-01-01 \u2014 2026-12-31', 'unknown'],
    ['2026-01-01 to 2026-12-31', 'unknown'],
    ['Jan 1, 2026 - Dec 31, 2026', 'unknown'],
    ['1 Jan 2026 to 31 Dec 2026', 'unknown'],
    ['01/01/2026 ~ 12/31/2026', 'month-first'],
    ['01/01/2026 ~ 31/12/2026', 'day-first'],
    ['01.01.2026 - 31.12.2026', 'day-first'],
  ] as const)('reads "%s" as a period (%s)', (text, order) => {
    const period = readPagePeriod(text, order);
    expect(period).toMatchObject({ ok: true, start: { at: local(2026, 1, 1) }, end: { at: local(2026, 12, 31) } });
  });

  it('keeps times and a zone written once at the end for both ends', () => {
    const period = readPagePeriod('2026-01-01 08:00 ~ 2026-12-31 23:59 (UTC+8)', 'unknown');
    expect(period).toMatchObject({
      ok: true,
      start: { at: Date.UTC(2026, 0, 1, 0, 0), hasZone: true },
      end: { at: Date.UTC(2026, 11, 31, 15, 59), hasZone: true },
    });
  });

  it('never guesses an ambiguous period, and refuses one that ends before it starts', () => {
    expect(readPagePeriod('01/02/2026 ~ 03/04/2026', 'unknown')).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(readPagePeriod('2026-12-31 ~ 2026-01-01', 'unknown')).toMatchObject({ ok: false, reason: 'reversed' });
    expect(readPagePeriod('Permanent', 'unknown')).toMatchObject({ ok: false, reason: 'not-a-period' });
    expect(readPagePeriod('2026-12-31', 'unknown')).toMatchObject({ ok: false, reason: 'not-a-period' });
  });

  it('tells a date from a period from anything else by shape', () => {
    expect(dateShape('2026-12-31', 'unknown')).toBe('date');
    expect(dateShape('05/12/2026', 'unknown')).toBe('date');
    expect(dateShape('2026-01-01 ~ 2026-12-31', 'unknown')).toBe('period');
    expect(dateShape('REQ-2026-1001', 'unknown')).toBeNull();
    expect(dateShape('Growth Partners 2026', 'unknown')).toBeNull();
    expect(dateShape('7123456789012345678', 'unknown')).toBeNull();
  });
});

describe('an authorization whose expiry cell shows the whole period', () => {
  it('takes the end as the expiry and the start as the authorization date', () => {
    const now = new Date(2026, 5, 1);
    const read = interpretAuthorization(
      { serviceName: 'Ads', partner: 'Growth', status: 'Active', expiresAt: '2026-01-01 ~ 2026-06-13' },
      'unknown',
      now,
    );
    expect(read).toMatchObject({ authorizedAt: local(2026, 1, 1), expiresAt: local(2026, 6, 13), daysLeft: 12 });
    expect(read.badge.label).toBe('12 days left');
  });

  it('says an ambiguous period could be read two ways, never guessing', () => {
    const read = interpretAuthorization(
      { serviceName: 'Ads', partner: 'Growth', status: 'Active', expiresAt: '01/02/2026 ~ 03/04/2026' },
      'unknown',
      new Date(2026, 0, 1),
    );
    expect(read.badge).toMatchObject({ tone: 'unreadable', label: 'Date unreadable' });
    expect(read.badge.title).toContain('could be read two ways');
  });
});

describe('page words', () => {
  it('are the same word in British and American spelling, any case, with a colon or sort arrows', () => {
    expect(normalizeWords('Authorised on:')).toBe('authorized on');
    expect(normalizeWords('  EXPIRY\u00a0date \u25B2\u25BC ')).toBe('expiry date');
    expect(normalizeWords('Business Centre')).toBe('business center');
    const words = new WordList(['authorization period', 'expiry date']);
    expect(words.has('Authorisation period')).toBe(true);
    expect(words.has('Expiry date (UTC+8)')).toBe(true);
    expect(words.has('Expiry')).toBe(false);
  });

  it('read status words in either spelling', () => {
    expect(readStatus('tspAuthorization', 'Authorisation Cancelled')).toMatchObject({
      known: true,
      status: 'authorization_canceled',
    });
    expect(readStatus('tspAuthorization', 'AUTHORIZATION CANCELED')).toMatchObject({
      known: true,
      status: 'authorization_canceled',
    });
    expect(readStatus('tspRequest', 'Partner reviewing')).toMatchObject({ known: true, status: 'partner_reviewing' });
  });
});
