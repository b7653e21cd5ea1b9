import { addDays, addMonths, addYears } from 'date-fns';

/** An authorization's duration as the authorization-link page offers it: "1 year", "6 months", "90 days". */
export interface Duration {
  amount: number;
  unit: 'day' | 'month' | 'year';
}

const UNITS: Record<string, Duration['unit']> = {
  day: 'day',
  days: 'day',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
};

/** Reads one duration from a page's text; null when there is none, or two different ones (never guessed). */
export function readDuration(text: string): Duration | null {
  const found = [...text.matchAll(/\b(\d{1,4})\s*-?\s*(days?|months?|years?)\b/gi)].map((m) => ({
    amount: Number(m[1]),
    unit: UNITS[(m[2] as string).toLowerCase()] as Duration['unit'],
  }));
  const distinct = new Set(found.map((d) => `${d.amount} ${d.unit}`));
  if (distinct.size !== 1) return null;
  const duration = found[0] as Duration;
  return duration.amount > 0 ? duration : null;
}

/** When an authorization confirmed at `from` for `duration` ends (calendar months and years). */
export function endOf(from: number, duration: Duration): number {
  const start = new Date(from);
  const end =
    duration.unit === 'day'
      ? addDays(start, duration.amount)
      : duration.unit === 'month'
        ? addMonths(start, duration.amount)
        : addYears(start, duration.amount);
  return end.getTime();
}
