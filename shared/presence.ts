/**
 * What disappears from a list: the seeds' "access lost", "removed", "no longer listed". Judged by
 * presence, never by a status word, and only on a complete list (a list on page 1 of 3, filtered,
 * or still loading says nothing about what it does not show). Only what was listed before can go.
 */
export interface Presence {
  id: string;
  /** When it was last seen in the list; undefined when it never was (a request this browser sent). */
  listedAt?: number;
  /** When a complete list was first seen without it. */
  lostAt?: number;
}

export interface PresenceChange {
  /** Listed before, missing from this complete list, not already known gone. */
  gone: string[];
  /** Known gone, listed again. */
  back: string[];
}

export function reconcilePresence(known: readonly Presence[], listedIds: ReadonlySet<string>, complete: boolean): PresenceChange {
  const gone: string[] = [];
  const back: string[] = [];
  for (const record of known) {
    const listed = listedIds.has(record.id);
    if (listed && record.lostAt !== undefined) back.push(record.id);
    else if (!listed && complete && record.listedAt !== undefined && record.lostAt === undefined) gone.push(record.id);
  }
  return { gone, back };
}

/** One entry of a record's history: what happened to it, and when it was seen. */
export interface HistoryEvent {
  at: number;
  /** no_longer_listed, listed_again, access_lost, withdrawn, removed, status_changed, ... */
  event: string;
  detail?: string;
}

/** Keeps the newest `max` events: years of visits, bounded. */
export function withEvent<T extends { history?: HistoryEvent[] }>(record: T, event: HistoryEvent, max = 200): T {
  return { ...record, history: [...(record.history ?? []), event].slice(-max) };
}
