import type { PartnerAccess, Shop, ShopAccessRequest, TspAuthorization, TspRequest } from '../../../shared/schemas';

/** RFC 4180 CSV; a leading =, +, - or @ is quoted away so a spreadsheet never runs page text as a formula. */
export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const cell = (value: unknown): string => {
    let text = value === undefined || value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  // Times as ISO dates, so a spreadsheet reads them as dates.
  const value = (row: T, column: keyof T & string) => {
    const v = row[column];
    return column.endsWith('At') && typeof v === 'number' ? new Date(v).toISOString() : v;
  };
  const lines = rows.map((row) => columns.map((c) => cell(value(row, c))).join(','));
  return `${[columns.join(','), ...lines].join('\r\n')}\r\n`;
}

export const shopsCsv = (shops: readonly Shop[]) =>
  toCsv(shops, ['shopCode', 'name', 'region', 'sellerType', 'sellerCenterHost', 'firstSeenAt', 'lastSeenAt']);

export const authorizationsCsv = (rows: readonly TspAuthorization[]) =>
  toCsv(rows, [
    'shopCode',
    'serviceName',
    'partner',
    'serviceType',
    'status',
    'authorizedAt',
    'expiresAt',
    'lostAt',
    'lastSeenAt',
  ]);

export const accessRequestsCsv = (rows: readonly ShopAccessRequest[]) =>
  toCsv(rows, [
    'businessCenterId',
    'businessCenterName',
    'shopCode',
    'method',
    'status',
    'requestedBy',
    'requestedAt',
    'lastError',
    'updatedAt',
  ]);

export const tspRequestsCsv = (rows: readonly TspRequest[]) =>
  toCsv(rows, ['shopCode', 'partner', 'status', 'rawStatus', 'lastSeenAt']);

export const partnerAccessCsv = (rows: readonly PartnerAccess[]) =>
  toCsv(rows, [
    'shopCode',
    'businessCenterName',
    'businessCenterId',
    'permission',
    'status',
    'rawStatus',
    'firstSeenAt',
    'lastSeenAt',
    'lostAt',
  ]);
