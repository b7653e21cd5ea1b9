import { describe, expect, it } from 'vitest';
import { dateOrderFor, readPageDate } from '../../shared/page-dates';

const local = (y: number, m: number, d: number, h = 0, min = 0, s = 0) => new Date(y, m - 1, d, h, min, s).getTime();

describe('dateOrderFor', () => {
  it('reads US and PH month first, other markets day first, and an unknown host as unknown', () => {
    expect(dateOrderFor('US')).toBe('month-first');
    expect(dateOrderFor('PH')).toBe('month-first');
    expect(dateOrderFor('GB')).toBe('day-first');
    expect(dateOrderFor('DE')).toBe('day-first');
    expect(dateOrderFor(undefined)).toBe('unknown');
  });
});

describe('readPageDate', () => {
  it.each([
    ['2026-12-05', local(2026, 12, 5), false],
    ['2026-12-05 13:45:10', local(2026, 12, 5, 13, 45, 10), true],
    ['2026-12-05T13:45', local(2026, 12, 5, 13, 45), true],
    ['2026/12/05 09:00', local(2026, 12, 5, 9), true],
    ['Dec 5, 2026', local(2026, 12, 5), false],
    ['December 5, 2026', local(2026, 12, 5), false],
    ['5 Dec 2026', local(2026, 12, 5), false],
    ['05 December 2026', local(2026, 12, 5), false],
    ['Dec 5, 2026 10:30 PM', local(2026, 12, 5, 22, 30), true],
  ])('reads %s in any order', (text, at, hasTime) => {
    for (const order of ['month-first', 'day-first', 'unknown'] as const) {
      expect(readPageDate(text, order)).toEqual({ ok: true, at, hasTime, hasZone: false });
    }
  });

  it("reads a numeric date by the host's order", () => {
    expect(readPageDate('05/12/2026', 'day-first')).toMatchObject({ ok: true, at: local(2026, 12, 5) });
    expect(readPageDate('05/12/2026', 'month-first')).toMatchObject({ ok: true, at: local(2026, 5, 12) });
    expect(readPageDate('05.12.2026 14:00', 'day-first')).toMatchObject({ ok: true, at: local(2026, 12, 5, 14) });
  });

  it('never guesses an ambiguous numeric date on a host of unknown order', () => {
    expect(readPageDate('05/12/2026', 'unknown')).toEqual({ ok: false, raw: '05/12/2026', reason: 'ambiguous' });
    expect(readPageDate('25/12/2026', 'unknown')).toMatchObject({ ok: true, at: local(2026, 12, 25) });
  });

  it("refuses a numeric date impossible in the host's order", () => {
    expect(readPageDate('12/25/2026', 'day-first')).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it.each([
    ['2026-12-05T13:00:00Z', Date.UTC(2026, 11, 5, 13)],
    ['2026-12-05 13:00:00 UTC', Date.UTC(2026, 11, 5, 13)],
    ['2026-12-05 21:00 (UTC+8)', Date.UTC(2026, 11, 5, 13)],
    ['2026-12-05 20:00 GMT+07:00', Date.UTC(2026, 11, 5, 13)],
    ['2026-12-05 08:00 UTC-5', Date.UTC(2026, 11, 5, 13)],
    ['2026-12-05T14:00:00+0100', Date.UTC(2026, 11, 5, 13)],
    ['Dec 5, 2026 1:00 PM GMT', Date.UTC(2026, 11, 5, 13)],
  ])('honours the time zone in %s', (text, at) => {
    expect(readPageDate(text, 'unknown')).toEqual({ ok: true, at, hasTime: true, hasZone: true });
  });

  it.each(['', '-', '--', 'soon', 'Permanent', '2026-13-40', '31/02/2026', '1899-01-01'])(
    'keeps "%s" as unreadable with its text',
    (text) => {
      const read = readPageDate(text, 'day-first');
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.raw).toBe(text);
    },
  );
});
