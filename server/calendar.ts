import ical, { ICalAlarmType } from 'ical-generator';
import { DEFAULT_ALERT_DAYS } from '../shared/expiry';
import { TspAuthorizationSchema } from '../shared/schemas';
import type { SyncRecord } from '../shared/sync-protocol';
import type { Store } from './store/store';

/** Only the fields an event shows, each checked: one odd record is left out, never the whole feed. */
const EventFields = TspAuthorizationSchema.pick({ shopCode: true, serviceName: true, partner: true })
  .partial()
  .extend({ status: TspAuthorizationSchema.shape.status, expiresAt: TspAuthorizationSchema.shape.expiresAt });

const PAGE = 500;

function newCalendar(teamLabel: string) {
  return ical({
    name: `TikTok Shop partner expiries (${teamLabel})`,
    prodId: { company: 'Shop Access Companion', product: 'sync' },
  });
}

/** One all-day event on the expiry day, with reminders at 30, 15, 7 and 1 days before; null for anything else. */
function eventText(calendar: ReturnType<typeof ical>, record: SyncRecord): string | null {
  const parsed = EventFields.safeParse(record.fields);
  if (!parsed.success) return null;
  const f = parsed.data;
  if (f.status !== 'active' || f.expiresAt === null) return null;
  try {
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
    return event.toString();
  } catch {
    return null;
  } finally {
    calendar.clear();
  }
}

/** The feed for a set of records held in memory (tests, small teams). */
export function authorizationCalendar(records: readonly SyncRecord[], teamLabel = 'your team'): string {
  const calendar = newCalendar(teamLabel);
  const [head, tail] = calendarFrame(calendar);
  return head + records.map((r) => eventText(calendar, r) ?? '').join('') + tail;
}

function calendarFrame(calendar: ReturnType<typeof ical>): [string, string] {
  const empty = calendar.toString();
  const end = empty.lastIndexOf('END:VCALENDAR');
  return [empty.slice(0, end), empty.slice(end)];
}

/**
 * The team's partner-authorization expiries as an ICS feed, streamed: records are read a capped
 * page at a time and written as they are turned into events, so a team with many (or large)
 * records costs the server one page of memory, not the whole collection.
 */
export function calendarFeed(store: Store, teamId: string, teamLabel = 'your team'): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const calendar = newCalendar(teamLabel);
  const [head, tail] = calendarFrame(calendar);
  let after = 0;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(head));
        return;
      }
      const page = await store.records(teamId, 'authorizations', after, PAGE);
      if (page.length === 0) {
        controller.enqueue(encoder.encode(tail));
        controller.close();
        return;
      }
      after = page.at(-1)?.version ?? after;
      controller.enqueue(encoder.encode(page.map((r) => eventText(calendar, r) ?? '').join('')));
    },
  });
}
