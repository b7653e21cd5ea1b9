import { type AuthorizationRow, authorizationId, interpretAuthorization } from '../../shared/authorization-badge';
import { endOf } from '../../shared/durations';
import { daysLeft, isNearExpiration } from '../../shared/expiry';
import type { DateOrder } from '../../shared/page-dates';
import { reconcilePresence, withEvent } from '../../shared/presence';
import { renewalState } from '../../shared/renewal';
import type { TspAuthorization } from '../../shared/schemas';
import { isAuthorizationCountingDown, isExpectedTransition } from '../../shared/statuses';
import type { CompanionDb } from './database';

const clip = (s: string | undefined) => (s ?? '').slice(0, 500);

/**
 * Stores the My Services rows read for one shop; re-reading updates each row in place, keeping its
 * history. On a complete list, what was listed before and is missing now is no longer listed: it
 * stops counting down and reminding, and its history says when (shared/presence.ts).
 */
export async function recordAuthorizations(
  db: CompanionDb,
  shopCode: string,
  rows: readonly AuthorizationRow[],
  order: DateOrder,
  now: number = Date.now(),
  complete = false,
): Promise<{ stored: number; gone: TspAuthorization[]; back: TspAuthorization[]; closed: TspAuthorization[] }> {
  const records: TspAuthorization[] = rows.map((row) => {
    const read = interpretAuthorization(row, order, new Date(now));
    return {
      id: authorizationId(shopCode, row),
      shopCode,
      serviceName: clip(row.serviceName),
      partner: clip(row.partner),
      serviceType: read.serviceType,
      status: read.status,
      rawStatus: clip(row.status),
      authorizedAt: read.authorizedAt,
      expiresAt: read.expiresAt,
      rawAuthorizedAt: clip(row.authorizedAt),
      rawExpiresAt: clip(row.expiresAt),
      lastSeenAt: now,
    };
  });
  return db.transaction('rw', db.authorizations, async () => {
    const known = await db.authorizations.where('shopCode').equals(shopCode).toArray();
    const byId = new Map(known.map((a) => [a.id, a]));
    const listed = new Set(records.map((r) => r.id));
    // Every authorization was read from the list: its lastSeenAt is when it was listed.
    const change = reconcilePresence(
      // Known from its link, not yet listed on My Services: it cannot have gone from a list it was never in.
      known.map((a) => ({ id: a.id, listedAt: a.rawStatus === LINK_STATUS ? undefined : a.lastSeenAt, lostAt: a.lostAt })),
      listed,
      complete,
    );
    const back = new Set(change.back);
    const stored = records.map((record) => {
      const before = byId.get(record.id);
      let kept: TspAuthorization = {
        ...record,
        ...(before?.history ? { history: before.history } : {}),
        ...(before?.renewal ? { renewal: before.renewal } : {}),
      };
      // A later expiry than the one known: renewed (the seller's renewal, or the partner's link, went through).
      if (before?.expiresAt && record.expiresAt && record.expiresAt - before.expiresAt > 86_400_000) {
        kept = withEvent(
          { ...kept, renewal: { ...kept.renewal, renewedAt: now } },
          { at: now, event: 'renewed', detail: `until ${new Date(record.expiresAt).toISOString().slice(0, 10)}` },
        );
      }
      if (back.has(record.id)) return withEvent(kept, { at: now, event: 'listed_again' });
      if (before && before.status !== record.status && before.lostAt === undefined) {
        // Closed back to Active is no step the seeds describe: stored as seen, and flagged.
        const expected =
          before.status === null ||
          record.status === null ||
          isExpectedTransition('tspAuthorization', before.status, record.status);
        return withEvent(kept, {
          at: now,
          event: expected ? 'status_changed' : 'unexpected_status',
          detail: `${before.rawStatus} -> ${record.rawStatus}`,
        });
      }
      return kept;
    });
    const gone = change.gone.flatMap((id) => {
      const before = byId.get(id);
      return before ? [withEvent({ ...before, lostAt: now }, { at: now, event: 'no_longer_listed' })] : [];
    });
    await db.authorizations.bulkPut([...stored, ...gone]);
    const closed = stored.filter((r) => r.status === 'closed' && byId.get(r.id)?.status === 'active');
    return { stored: stored.length, gone, back: stored.filter((r) => back.has(r.id)), closed };
  });
}

/** Active authorizations whose expiry falls within `windowDays` (today included), per shop or all. */
export async function expiringSoon(
  db: CompanionDb,
  now: Date,
  windowDays: number,
  shopCode?: string,
): Promise<TspAuthorization[]> {
  const all = shopCode ? await db.authorizations.where('shopCode').equals(shopCode).toArray() : await db.authorizations.toArray();
  // No longer listed: it stopped counting down.
  return all.filter(
    (a) =>
      a.status !== null &&
      isAuthorizationCountingDown(a.status) &&
      a.lostAt === undefined &&
      a.expiresAt !== null &&
      isNearExpiration(daysLeft(new Date(a.expiresAt), now), windowDays),
  );
}

export type RenewalStep = 'asked' | 'link_received';

/**
 * A renewal step the person marked (asked the partner for a link; the link came). It enters the
 * history too, so What changed and teammates see the renewal under way. Asking again while an ask
 * waits changes nothing (a second copy of the message is not news); asking after the link came, or
 * after a renewal, starts the next cycle. Read and written in one step: a sync or a My Services
 * visit that landed since the row was drawn is kept.
 */
export async function markRenewal(db: CompanionDb, id: string, step: RenewalStep, at: number = Date.now()): Promise<boolean> {
  const marked = await db.authorizations
    .where('id')
    .equals(id)
    .modify((current) => {
      const state = renewalState(current, at);
      if (step === 'asked' && state === 'asked') return;
      current.renewal =
        step === 'asked'
          ? { ...current.renewal, askedAt: at, linkReceivedAt: undefined }
          : { ...current.renewal, linkReceivedAt: at };
      const event = step === 'asked' ? 'renewal_asked' : 'renewal_link_received';
      current.history = withEvent(current, { at, event }).history;
    });
  return marked > 0;
}

/** The status text of an authorization known from its link, until My Services lists it. */
export const LINK_STATUS = 'Authorized by link';

/**
 * The seller confirmed a partner's authorization link: the duration chosen is the expiry to watch.
 * Not yet listed on My Services, so it cannot be "no longer listed" until it has been.
 */
export async function recordLinkAuthorization(
  db: CompanionDb,
  input: { shopCode: string; serviceName: string; partner: string; amount: number; unit: 'day' | 'month' | 'year' },
  now: number = Date.now(),
): Promise<TspAuthorization> {
  const id = authorizationId(input.shopCode, input);
  return db.transaction('rw', db.authorizations, async () => {
    const before = await db.authorizations.get(id);
    const record = withEvent(
      {
        ...(before ?? {}),
        id,
        shopCode: input.shopCode,
        serviceName: clip(input.serviceName),
        partner: clip(input.partner),
        serviceType: before?.serviceType ?? null,
        status: 'active' as const,
        rawStatus: LINK_STATUS,
        authorizedAt: now,
        expiresAt: endOf(now, { amount: input.amount, unit: input.unit }),
        lastSeenAt: now,
      },
      { at: now, event: 'authorized_by_link', detail: `${input.amount} ${input.unit}(s)` },
    );
    delete record.lostAt;
    await db.authorizations.put(record);
    return record;
  });
}
