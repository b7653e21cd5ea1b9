import ical, { ICalAlarmType } from 'ical-generator';
import { DEFAULT_ALERT_DAYS } from '../shared/expiry';
import type { SyncRecord } from '../shared/sync-protocol';

/**
 * The team's partner-authorization expiries as an ICS feed: one all-day event per active
 * authorization on its expiry day, with reminders at 30, 15, 7 and 1 days before.
 */
export function authorizationCalendar(records: readonly SyncRecord[], teamLabel = 'your team'): string {
  const calendar = ical({
    name: `TikTok Shop partner expiries (${teamLabel})`,
    prodId: { company: 'Shop Access Companion', product: 'sync' },
  });
  for (const record of records) {
    const f = record.fields as {
      shopCode?: string;
      serviceName?: string;
      partner?: string;
      status?: string | null;
      expiresAt?: number | null;
    };
    if (f.status !== 'active' || typeof f.expiresAt !== 'number') continue;
    const event = calendar.createEvent({
      id: `${record.id}@shop-access-companion`,
      start: new Date(f.expiresAt),
      allDay: true,
      summary: `Partner authorization expires: ${f.serviceName ?? 'service'} by ${f.partner ?? 'partner'} (${f.shopCode ?? 'shop'})`,
      description:
        'Renew it from Seller Center > TikTok Shop Partner > My Services, or ask the partner for a new authorization link.',
    });
    for (const days of DEFAULT_ALERT_DAYS.filter((d) => d > 0)) {
      event.createAlarm({
        type: ICalAlarmType.display,
        triggerBefore: days * 86_400,
        description: `${days} day(s) before expiry`,
      });
    }
  }
  return calendar.toString();
}
