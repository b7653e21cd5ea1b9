import { describe, expect, it } from 'vitest';
import { endOf, readDuration } from '../../shared/durations';

describe('an authorization-link duration', () => {
  it.each([
    ['1 year', { amount: 1, unit: 'year' }],
    ['Duration: 6 months', { amount: 6, unit: 'month' }],
    ['90 days', { amount: 90, unit: 'day' }],
    ['12-month authorization', { amount: 12, unit: 'month' }],
    ['2 Years', { amount: 2, unit: 'year' }],
    ['1 year (renews manually) — 1 year', { amount: 1, unit: 'year' }],
  ] as const)('%s', (text, duration) => {
    expect(readDuration(text)).toEqual(duration);
  });

  it.each([['no duration here'], ['6 months or 1 year'], ['0 days'], ['']])('not read: %s', (text) => {
    expect(readDuration(text)).toBeNull();
  });

  it('ends on the calendar date: months and years are not fixed numbers of days', () => {
    const from = Date.UTC(2026, 0, 31, 12);
    expect(new Date(endOf(from, { amount: 1, unit: 'month' })).toISOString().slice(0, 10)).toBe('2026-02-28');
    expect(new Date(endOf(from, { amount: 1, unit: 'year' })).toISOString().slice(0, 10)).toBe('2027-01-31');
    expect(new Date(endOf(from, { amount: 90, unit: 'day' })).toISOString().slice(0, 10)).toBe('2026-05-01');
  });
});
