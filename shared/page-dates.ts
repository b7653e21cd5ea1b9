import type { Market } from './markets';

/**
 * Dates as Seller Center prints them: ISO with or without a time, "Dec 5, 2026", "5 Dec 2026",
 * numeric dates (day first on most hosts, month first on US and PH), with or without a time zone.
 * A numeric date that could be read two ways on a host whose order is unknown is not guessed.
 */

const MONTH_FIRST: ReadonlySet<string> = new Set(['US', 'PH']);

export type DateOrder = 'month-first' | 'day-first' | 'unknown';

export function dateOrderFor(market: Market | undefined): DateOrder {
  if (!market) return 'unknown';
  return MONTH_FIRST.has(market) ? 'month-first' : 'day-first';
}

export type PageDate =
  | { ok: true; at: number; hasTime: boolean; hasZone: boolean }
  | { ok: false; raw: string; reason: 'empty' | 'ambiguous' | 'unreadable' };

const ZONE = /\s*(?:\(?\s*(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?|\b(UTC|GMT)\b|(Z)|([+-])(\d{2}):?(\d{2}))\s*$/i;

/** Splits a trailing zone ("UTC+8", "(GMT+07:00)", "Z", "+0800") off; returns minutes east of UTC. */
function splitZone(text: string): { rest: string; offsetMinutes: number | null } {
  const m = ZONE.exec(text);
  if (!m) return { rest: text, offsetMinutes: null };
  const rest = text.slice(0, m.index).trim();
  if (m[4] || m[5]) return { rest, offsetMinutes: 0 };
  const sign = (m[1] ?? m[6]) === '-' ? -1 : 1;
  const hours = Number(m[2] ?? m[7]);
  const minutes = Number(m[3] ?? m[8] ?? 0);
  if (hours > 14 || minutes > 59) return { rest: text, offsetMinutes: null };
  return { rest, offsetMinutes: sign * (hours * 60 + minutes) };
}

/**
 * English month names as Seller Center prints them ("Dec", "December", "Sept"). A fixed list, not
 * date-fns' parse (31 kB in a content script whose budget is 60 kB) nor Intl (building the names
 * with Intl.DateTimeFormat cost 50 ms of main thread at every page load).
 */
const MONTHS: ReadonlyMap<string, number> = new Map(
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ].flatMap((name, m) => [[name, m], [name.slice(0, 3), m], ...(m === 8 ? [['sept', 8] as [string, number]] : [])]) as [
    string,
    number,
  ][],
);

const TIME = String.raw`(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:\s*([AaPp][Mm]))?)?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`);
const MONTH_DAY = new RegExp(String.raw`^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})${TIME}$`);
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})${TIME}$`);

interface Fields {
  year: number;
  month: number;
  day: number;
  time: RegExpExecArray;
  timeAt: number;
}

/** Local-time instant for the fields, or null when they name no real moment (31 Feb, 25:00). */
function instant({ year, month, day, time, timeAt }: Fields): { date: Date; hasTime: boolean } | null {
  const [h, min, sec, meridiem] = [time[timeAt], time[timeAt + 1], time[timeAt + 2], time[timeAt + 3]];
  let hours = h === undefined ? 0 : Number(h);
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (/p/i.test(meridiem) ? 12 : 0);
  }
  const minutes = min === undefined ? 0 : Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  if (month < 0 || month > 11 || hours > 23 || minutes > 59 || seconds > 59) return null;
  const date = new Date(year, month, day, hours, minutes, seconds);
  if (date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  return { date, hasTime: h !== undefined };
}

function readIso(text: string) {
  const m = ISO.exec(text);
  return m ? instant({ year: Number(m[1]), month: Number(m[2]) - 1, day: Number(m[3]), time: m, timeAt: 4 }) : null;
}

function readNamed(text: string) {
  let m = MONTH_DAY.exec(text);
  if (m) {
    const month = MONTHS.get((m[1] as string).toLowerCase());
    return month === undefined ? null : instant({ year: Number(m[3]), month, day: Number(m[2]), time: m, timeAt: 4 });
  }
  m = DAY_MONTH.exec(text);
  if (!m) return null;
  const month = MONTHS.get((m[2] as string).toLowerCase());
  return month === undefined ? null : instant({ year: Number(m[3]), month, day: Number(m[1]), time: m, timeAt: 4 });
}

function readNumeric(text: string, dayFirst: boolean) {
  const m = NUMERIC.exec(text);
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return instant({ year: Number(m[3]), month: (dayFirst ? b : a) - 1, day: dayFirst ? a : b, time: m, timeAt: 4 });
}

/** Reads a date from page text in the given order; never guesses an ambiguous numeric date. */
export function readPageDate(raw: string, order: DateOrder): PageDate {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text || text === '-' || text === '--') return { ok: false, raw, reason: 'empty' };
  const { rest, offsetMinutes } = splitZone(text);
  let found = readIso(rest) ?? readNamed(rest);
  if (!found) {
    const dayFirst = readNumeric(rest, true);
    const monthFirst = readNumeric(rest, false);
    if (order === 'day-first') found = dayFirst;
    else if (order === 'month-first') found = monthFirst;
    else if (dayFirst && monthFirst && dayFirst.date.getTime() !== monthFirst.date.getTime()) {
      return { ok: false, raw, reason: 'ambiguous' };
    } else found = dayFirst ?? monthFirst;
  }
  if (!found) return { ok: false, raw, reason: 'unreadable' };
  const d = found.date;
  if (d.getFullYear() < 2000 || d.getFullYear() > 2100) return { ok: false, raw, reason: 'unreadable' };
  const at =
    offsetMinutes === null
      ? d.getTime()
      : Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()) -
        offsetMinutes * 60_000;
  return { ok: true, at, hasTime: found.hasTime, hasZone: offsetMinutes !== null };
}

export type PagePeriod =
  | { ok: true; start: PageDate & { ok: true }; end: PageDate & { ok: true } }
  | { ok: false; raw: string; reason: 'not-a-period' | 'ambiguous' | 'reversed' };

/** Where a period's two dates may be split: "~", "-", en and em dashes, "to"; spaces optional around symbols. */
const PERIOD_SEPARATOR = /\s*(?:~|\uFF5E|\u2013|\u2014|-|\bto\b)\s*/gi;

/**
 * A cell holding two dates is an authorization period: "2026-01-01 ~ 2026-12-31", "Jan 1, 2026 - Dec 31, 2026",
 * "01/01/2026 to 31/12/2026". ISO dates contain "-" themselves, so every separator position is tried and the
 * one whose both sides read as dates wins. A zone written once at the end holds for both ends.
 */
export function readPagePeriod(raw: string, order: DateOrder): PagePeriod {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length < 12 || text.length > 120) return { ok: false, raw, reason: 'not-a-period' };
  let ambiguous = false;
  for (const match of text.matchAll(PERIOD_SEPARATOR)) {
    const left = text.slice(0, match.index).trim();
    const right = text.slice((match.index ?? 0) + match[0].length).trim();
    if (!left || !right || !/\d/.test(left) || !/\d/.test(right)) continue;
    const end = readPageDate(right, order);
    const zone = end.ok && end.hasZone ? ZONE.exec(right)?.[0] : undefined;
    const start = readPageDate(zone && !ZONE.test(left) ? `${left}${zone}` : left, order);
    if (start.ok && end.ok) {
      return start.at <= end.at ? { ok: true, start, end } : { ok: false, raw, reason: 'reversed' };
    }
    ambiguous ||= (!start.ok && start.reason === 'ambiguous') || (!end.ok && end.reason === 'ambiguous');
  }
  return { ok: false, raw, reason: ambiguous ? 'ambiguous' : 'not-a-period' };
}

/** What a short page text looks like, by its shape alone: a date, a period, or neither. Cheap enough for every cell. */
export function dateShape(text: string, order: DateOrder): 'date' | 'period' | null {
  if (text.length < 6 || text.length > 120 || !/\d{4}/.test(text)) return null;
  const date = readPageDate(text, order);
  if (date.ok || date.reason === 'ambiguous') return 'date';
  const period = readPagePeriod(text, order);
  return period.ok || period.reason === 'ambiguous' || period.reason === 'reversed' ? 'period' : null;
}
