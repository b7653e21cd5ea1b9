import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_DAYS,
  daysLeft,
  dueAlert,
  expiryBand,
  expiryLabel,
  isNearExpiration,
  NEAR_EXPIRATION_DAYS,
} from '../../shared/expiry';

const NOW = new Date(2026, 10, 23, 15, 30); // a fixed clock, local time

describe('daysLeft', () => {
  it('counts calendar days, not 24-hour blocks', () => {
    expect(daysLeft(new Date(2026, 10, 24, 0, 5), NOW)).toBe(1);
    expect(daysLeft(new Date(2026, 10, 23, 23, 59), NOW)).toBe(0);
    expect(daysLeft(new Date(2026, 10, 23, 0, 0), NOW)).toBe(0);
    expect(daysLeft(new Date(2026, 10, 20), NOW)).toBe(-3);
    expect(daysLeft(new Date(2026, 11, 5), NOW)).toBe(12);
  });
});

describe('expiryBand', () => {
  it("uses TikTok's 15-day near-expiration window and a 30-day notice by default", () => {
    expect(NEAR_EXPIRATION_DAYS).toBe(15);
    expect(expiryBand(-1)).toBe('expired');
    expect(expiryBand(0)).toBe('today');
    expect(expiryBand(1)).toBe('urgent');
    expect(expiryBand(15)).toBe('urgent');
    expect(expiryBand(16)).toBe('notice');
    expect(expiryBand(30)).toBe('notice');
    expect(expiryBand(31)).toBe('ok');
  });

  it('takes configured thresholds', () => {
    expect(expiryBand(10, { urgentDays: 7, noticeDays: 14 })).toBe('notice');
    expect(expiryBand(15, { urgentDays: 7, noticeDays: 14 })).toBe('ok');
    expect(() => expiryBand(3, { urgentDays: 20, noticeDays: 10 })).toThrow(RangeError);
  });
});

describe('expiryLabel', () => {
  it.each([
    [12, '12 days left'],
    [1, '1 day left'],
    [0, 'Expires today'],
    [-1, 'Expired 1 day ago'],
    [-3, 'Expired 3 days ago'],
  ])('%i -> %s', (days, label) => expect(expiryLabel(days)).toBe(label));
});

describe('isNearExpiration', () => {
  it('is inside the window from today to 15 days, not after expiry', () => {
    expect(isNearExpiration(0)).toBe(true);
    expect(isNearExpiration(15)).toBe(true);
    expect(isNearExpiration(16)).toBe(false);
    expect(isNearExpiration(-1)).toBe(false);
  });
});

describe('dueAlert', () => {
  it('fires each threshold once', () => {
    expect(dueAlert(30, DEFAULT_ALERT_DAYS, new Set())).toEqual({ threshold: 30, covers: [30] });
    expect(dueAlert(29, DEFAULT_ALERT_DAYS, new Set([30]))).toBeNull();
    expect(dueAlert(15, DEFAULT_ALERT_DAYS, new Set([30]))).toEqual({ threshold: 15, covers: [15] });
    expect(dueAlert(0, DEFAULT_ALERT_DAYS, new Set([30, 15, 7, 1]))).toEqual({ threshold: 0, covers: [0] });
    expect(dueAlert(0, DEFAULT_ALERT_DAYS, new Set([30, 15, 7, 1, 0]))).toBeNull();
  });

  it('after a long absence sends one alert that answers for every passed threshold', () => {
    const first = dueAlert(3, DEFAULT_ALERT_DAYS, new Set());
    expect(first).toEqual({ threshold: 7, covers: [30, 15, 7] });
    expect(dueAlert(3, DEFAULT_ALERT_DAYS, new Set(first?.covers))).toBeNull();
    expect(dueAlert(1, DEFAULT_ALERT_DAYS, new Set(first?.covers))).toEqual({ threshold: 1, covers: [1] });
  });

  it('takes configured thresholds in any order', () => {
    expect(dueAlert(10, [14, 60, 3], new Set())).toEqual({ threshold: 14, covers: [60, 14] });
  });

  it('says nothing once expired or when far away', () => {
    expect(dueAlert(-1, DEFAULT_ALERT_DAYS, new Set())).toBeNull();
    expect(dueAlert(45, DEFAULT_ALERT_DAYS, new Set())).toBeNull();
  });
});
