import type { ICalCalendar } from 'ical-generator';
import { addExpiryEvent, newExpiryCalendar } from '../shared/expiry-calendar';
import { TspAuthorizationSchema } from '../shared/schemas';
import type { SyncRecord } from '../shared/sync-protocol';
import type { Store } from './store/store';

/** Only the fields an event shows, each checked: one odd record is left out, never the whole feed. */
const EventFields = TspAuthorizationSchema.pick({ shopCode: true, serviceName: true, partner: true, lostAt: true })
  .partial()
  .extend({ status: TspAuthorizationSchema.shape.status, expiresAt: TspAuthorizationSchema.shape.expiresAt });

const PAGE = 500;

/** The event's text for one record, or null; the calendar is emptied again, so the feed streams. */
function eventText(calendar: ICalCalendar, record: SyncRecord): string | null {
  const parsed = EventFields.safeParse(record.fields);
  if (!parsed.success) return null;
  try {
    return addExpiryEvent(calendar, { id: record.id, ...parsed.data })?.toString() ?? null;
  } catch {
    return null;
  } finally {
    calendar.clear();
  }
}

/** The feed for a set of records held in memory (tests, small teams). */
export function authorizationCalendar(records: readonly SyncRecord[], teamLabel = 'your team'): string {
  const calendar = newExpiryCalendar(teamLabel);
  const [head, tail] = calendarFrame(calendar);
  return head + records.map((r) => eventText(calendar, r) ?? '').join('') + tail;
}

function calendarFrame(calendar: ICalCalendar): [string, string] {
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
  const calendar = newExpiryCalendar(teamLabel);
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
