import { daysLeft, dueAlert, expiryLabel } from '../../shared/expiry';
import { renewalAdvice, renewalPath } from '../../shared/renewal';
import type { TspAuthorization } from '../../shared/schemas';
import { notifiesHere } from '../../shared/shop-assignment';
import { isAuthorizationCountingDown } from '../../shared/statuses';
import type { CompanionDb } from '../db/database';

export type Notify = (id: string, title: string, message: string) => Promise<void>;

/**
 * Whether a reminder sent was for this expiry. Two pages can write one expiry day as its start
 * or its last second; only a later expiry by more than a day (a renewal) starts reminders afresh.
 */
function sameExpiry(alertId: string, expiresAt: number): boolean {
  const at = Number(alertId.split('|').at(-2));
  return Number.isFinite(at) && Math.abs(at - expiresAt) < 86_400_000;
}

/** Alerts are keyed by expiry date too: a renewed authorization starts its reminders afresh. */
function alertKey(auth: TspAuthorization, threshold: number): string {
  return `${auth.id}|${auth.expiresAt}|${threshold}`;
}

/**
 * Sends the reminders due now (30, 15, 7, 1 days before expiry and on the day, by default), each at
 * most once per authorization and threshold. What was sent lives in IndexedDB, so a restarted
 * browser or a killed service worker never repeats one.
 */
export async function checkExpiryAlerts(
  db: CompanionDb,
  alertDays: readonly number[],
  notify: Notify,
  now = new Date(),
  memberId: string | null = null,
): Promise<number> {
  // No longer listed on My Services: no more reminders for it.
  const active = await db.authorizations
    .filter((a) => a.status !== null && isAuthorizationCountingDown(a.status) && a.expiresAt !== null && a.lostAt === undefined)
    .toArray();
  let notified = 0;
  for (const auth of active) {
    const days = daysLeft(new Date(auth.expiresAt as number), now);
    const sent = await db.sentAlerts.where('authorizationId').equals(auth.id).toArray();
    const thresholds = new Set(sent.filter((s) => sameExpiry(s.id, auth.expiresAt as number)).map((s) => s.threshold));
    const due = dueAlert(days, alertDays, thresholds);
    if (!due) continue;
    const shop = await db.shops.get(auth.shopCode);
    // Another member looks after this shop: their browsers remind; this one stays quiet (and does not mark it sent).
    if (!notifiesHere(shop, memberId)) continue;
    const message = `${auth.serviceName} by ${auth.partner} for shop ${auth.shopCode}: ${expiryLabel(days).toLowerCase()}. ${renewalAdvice(
      renewalPath(shop),
    )}`;
    await notify(`expiry|${alertKey(auth, due.threshold)}`, 'Partner authorization expiring', message);
    await db.sentAlerts.bulkPut(
      due.covers.map((threshold) => ({
        id: alertKey(auth, threshold),
        authorizationId: auth.id,
        threshold,
        sentAt: now.getTime(),
      })),
    );
    notified++;
  }
  return notified;
}
