import { type PartnerAccess, tspRequestId } from '../../shared/schemas';
import { readStatus, type TspRequestStatus } from '../../shared/statuses';
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
      const entry = { status, rawStatus: clip(row.status), seenAt: now };
      if (existing && existing.rawStatus !== entry.rawStatus) changes.push({ id, from: existing.rawStatus, to: entry.rawStatus });
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
): Promise<void> {
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
  await db.partnerAccess.bulkPut(records);
}
