import ical, { ICalAlarmType, type ICalCalendar, type ICalEvent } from 'ical-generator';
import { DEFAULT_ALERT_DAYS } from './expiry';
import { isAuthorizationCountingDown, type TspAuthorizationStatus } from './statuses';

/** What an expiry event shows of an authorization. */
export interface CalendarAuthorization {
  id: string;
  shopCode?: string;
  serviceName?: string;
  partner?: string;
  status: TspAuthorizationStatus | null;
  expiresAt: number | null;
  /** Set when My Services no longer lists it: it no longer expires, so it has no event. */
  lostAt?: number;
}

export function newExpiryCalendar(label: string): ICalCalendar {
  return ical({
    name: `TikTok Shop partner expiries (${label})`,
    prodId: { company: 'Shop Access Companion', product: 'sync' },
  });
}

/**
 * One all-day event on the expiry day, with reminders at 30, 15, 7 and 1 days before, for an
 * authorization that still counts down; null for any other. The same for the team's feed (server)
 * and the file a browser without a team downloads.
 */
export function addExpiryEvent(calendar: ICalCalendar, a: CalendarAuthorization): ICalEvent | null {
  if (a.status === null || !isAuthorizationCountingDown(a.status) || a.expiresAt === null || a.lostAt !== undefined) return null;
  const event = calendar.createEvent({
    id: `${a.id}@shop-access-companion`,
    start: new Date(a.expiresAt),
    allDay: true,
    summary: `Partner authorization expires: ${a.serviceName ?? 'service'} by ${a.partner ?? 'partner'} (${a.shopCode ?? 'shop'})`,
    description:
      'Renew it from Seller Center > TikTok Shop Partner > My Services, or ask the partner for a new authorization link.',
  });
  for (const days of DEFAULT_ALERT_DAYS.filter((d) => d > 0)) {
    event.createAlarm({ type: ICalAlarmType.display, triggerBefore: days * 86_400, description: `${days} day(s) before expiry` });
  }
  return event;
}

/** A whole calendar file of the authorizations given (a browser's own, with no team). */
export function expiryCalendar(authorizations: readonly CalendarAuthorization[], label: string): string {
  const calendar = newExpiryCalendar(label);
  for (const a of authorizations) addExpiryEvent(calendar, a);
  return calendar.toString();
}
