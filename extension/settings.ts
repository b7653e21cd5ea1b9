import { DEFAULT_ALERT_DAYS, DEFAULT_THRESHOLDS, type ExpiryThresholds } from '../shared/expiry';

/**
 * Thresholds for badges and reminders. Kept in storage.local and read through the background
 * (content scripts ask by message); the zod schema lives in settings-schema.ts so it stays out of
 * the page's bundle.
 */
export interface Settings extends ExpiryThresholds {
  alertDays: number[];
}

export const DEFAULT_SETTINGS: Settings = { ...DEFAULT_THRESHOLDS, alertDays: [...DEFAULT_ALERT_DAYS] };
