import { type AuthorizationRow, authorizationId, interpretAuthorization } from '../../shared/authorization-badge';
import { daysLeft, isNearExpiration } from '../../shared/expiry';
import type { DateOrder } from '../../shared/page-dates';
import type { TspAuthorization } from '../../shared/schemas';
import type { CompanionDb } from './database';

const clip = (s: string | undefined) => (s ?? '').slice(0, 500);

/** Stores the My Services rows read for one shop; re-reading updates each row in place. */
export async function recordAuthorizations(
  db: CompanionDb,
  shopCode: string,
  rows: readonly AuthorizationRow[],
  order: DateOrder,
  now: number = Date.now(),
): Promise<number> {
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
  await db.authorizations.bulkPut(records);
  return records.length;
}

/** Active authorizations whose expiry falls within `windowDays` (today included), per shop or all. */
export async function expiringSoon(
  db: CompanionDb,
  now: Date,
  windowDays: number,
  shopCode?: string,
): Promise<TspAuthorization[]> {
  const all = shopCode ? await db.authorizations.where('shopCode').equals(shopCode).toArray() : await db.authorizations.toArray();
  return all.filter(
    (a) => a.status === 'active' && a.expiresAt !== null && isNearExpiration(daysLeft(new Date(a.expiresAt), now), windowDays),
  );
}
