import { differenceInCalendarDays } from 'date-fns';

/** TikTok lists services expiring within 15 days under "Show More" on My Services (seed 000). */
export const NEAR_EXPIRATION_DAYS = 15;
export const NOTICE_DAYS = 30;
/** Days before expiry at which a reminder is due; 0 is the day itself. */
export const DEFAULT_ALERT_DAYS = [30, 15, 7, 1, 0] as const;

export interface ExpiryThresholds {
  urgentDays: number;
  noticeDays: number;
}

export const DEFAULT_THRESHOLDS: ExpiryThresholds = { urgentDays: NEAR_EXPIRATION_DAYS, noticeDays: NOTICE_DAYS };

export type ExpiryBand = 'expired' | 'today' | 'urgent' | 'notice' | 'ok';

/** Whole calendar days from `now` to `expiresAt` in the runtime's time zone; negative once past. */
export function daysLeft(expiresAt: Date, now: Date): number {
  return differenceInCalendarDays(expiresAt, now);
}

export function expiryBand(days: number, thresholds: ExpiryThresholds = DEFAULT_THRESHOLDS): ExpiryBand {
  if (thresholds.urgentDays > thresholds.noticeDays) throw new RangeError('urgentDays must not exceed noticeDays');
  if (days < 0) return 'expired';
  if (days === 0) return 'today';
  if (days <= thresholds.urgentDays) return 'urgent';
  if (days <= thresholds.noticeDays) return 'notice';
  return 'ok';
}

export function expiryLabel(days: number): string {
  if (days === 0) return 'Expires today';
  if (days > 0) return `${days} ${days === 1 ? 'day' : 'days'} left`;
  const ago = -days;
  return `Expired ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
}

/** Within TikTok's own near-expiration window (and not yet past). */
export function isNearExpiration(days: number, windowDays: number = NEAR_EXPIRATION_DAYS): boolean {
  return days >= 0 && days <= windowDays;
}

export interface DueAlert {
  /** The threshold to announce: the most pressing one that is due. */
  threshold: number;
  /** Every due threshold this one answers for; record them all as sent so none fires later. */
  covers: number[];
}

/**
 * The alert due now for an authorization `days` from expiry, given the thresholds already sent for
 * it: each threshold fires at most once, and after a long absence one alert answers for all the
 * thresholds that passed meanwhile, so a returning user gets one alert, not five.
 */
export function dueAlert(days: number, alertDays: readonly number[], alreadySent: ReadonlySet<number>): DueAlert | null {
  if (days < 0) return null;
  const due = alertDays.filter((threshold) => days <= threshold && !alreadySent.has(threshold));
  if (due.length === 0) return null;
  return { threshold: Math.min(...due), covers: [...new Set(due)].sort((a, b) => b - a) };
}
