import { reconcilePresence, withEvent } from '../../shared/presence';
import { tspRequestId } from '../../shared/record-ids';
import type { PartnerAccess } from '../../shared/schemas';
import { isExpectedTransition, readStatus, type TspRequestStatus } from '../../shared/statuses';
import type { PartnerAccessRow, StatusChange, TspRequestRow } from '../protocol-types';
import type { CompanionDb } from './database';

const clip = (s: string) => s.slice(0, 500);
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Stores "My request" rows with a history of every status seen, and returns the rows whose status
 * changed since the last time they were seen, so the page can highlight them.
 */
export async function recordTspRequests(
  db: CompanionDb,
  shopCode: string | undefined,
  rows: readonly TspRequestRow[],
  now: number = Date.now(),
): Promise<StatusChange[]> {
  return db.transaction('rw', db.tspRequests, async () => {
    const changes: StatusChange[] = [];
    for (const row of rows) {
      const id = tspRequestId(shopCode, row);
      const read = readStatus('tspRequest', row.status);
      const status: TspRequestStatus | null = read.known ? read.status : null;
      const existing = await db.tspRequests.get(id);
      const unexpected =
        existing?.status != null && status !== null && !isExpectedTransition('tspRequest', existing.status, status);
      const entry = { status, rawStatus: clip(row.status), seenAt: now, ...(unexpected ? { unexpected: true } : {}) };
      if (existing && existing.rawStatus !== entry.rawStatus) {
        changes.push({ id, from: existing.rawStatus, to: entry.rawStatus, ...(unexpected ? { unexpected: true } : {}) });
      }
      const history = existing
        ? existing.rawStatus === entry.rawStatus
          ? existing.history
          : [...existing.history, entry]
        : [entry];
      await db.tspRequests.put({
        id,
        shopCode,
        partner: clip(row.partner),
        status,
        rawStatus: entry.rawStatus,
        history,
        lastSeenAt: now,
      });
    }
    return changes;
  });
}

/** Stores the Business Centers that have, or asked for, access to a shop (Ads > Partner Management). */
export async function recordPartnerAccess(
  db: CompanionDb,
  shopCode: string,
  rows: readonly PartnerAccessRow[],
  now: number = Date.now(),
  complete = false,
): Promise<{ gone: PartnerAccess[]; added: PartnerAccess[] }> {
  const records: PartnerAccess[] = rows.map((row) => {
    const read = readStatus('partnerAccess', row.status);
    return {
      id: `${shopCode}|${norm(row.businessCenterId || row.businessCenterName)}`,
      shopCode,
      businessCenterName: clip(row.businessCenterName),
      businessCenterId: row.businessCenterId,
      ...(row.permission ? { permission: clip(row.permission) } : {}),
      status: read.known ? read.status : null,
      rawStatus: clip(row.status),
      lastSeenAt: now,
    };
  });
  return db.transaction('rw', db.partnerAccess, async () => {
    const known = await db.partnerAccess.where('shopCode').equals(shopCode).toArray();
    const byId = new Map(known.map((a) => [a.id, a]));
    const change = reconcilePresence(
      known.map((a) => ({ id: a.id, listedAt: a.lastSeenAt, lostAt: a.lostAt })),
      new Set(records.map((r) => r.id)),
      complete,
    );
    const back = new Set(change.back);
    const added: PartnerAccess[] = [];
    const stored = records.map((record) => {
      const before = byId.get(record.id);
      let next: PartnerAccess = { ...record, firstSeenAt: before?.firstSeenAt ?? before?.lastSeenAt ?? now };
      if (before?.history) next.history = before.history;
      if (!before) {
        next = withEvent(next, { at: now, event: 'added' });
        added.push(next);
      } else if (back.has(record.id)) next = withEvent(next, { at: now, event: 'listed_again' });
      if (before && before.permission !== record.permission && record.permission !== undefined) {
        next = withEvent(next, {
          at: now,
          event: 'permission_changed',
          detail: `${before.permission ?? '(none)'} -> ${record.permission}`,
        });
      }
      return next;
    });
    const gone = change.gone.flatMap((id) => {
      const before = byId.get(id);
      return before ? [withEvent({ ...before, lostAt: now }, { at: now, event: 'removed' })] : [];
    });
    await db.partnerAccess.bulkPut([...stored, ...gone]);
    // The first visit to a shop's list finds every Business Center "added": only later ones are news.
    return { gone, added: known.length === 0 ? [] : added };
  });
}
