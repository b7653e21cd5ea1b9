import type { Shop } from '../../../shared/schemas';

const COLUMNS = ['shopCode', 'name', 'region', 'sellerType', 'sellerCenterHost', 'firstSeenAt', 'lastSeenAt'] as const;

/** RFC 4180 CSV; a leading =, +, - or @ is quoted away so a spreadsheet never runs a shop name as a formula. */
export function shopsCsv(shops: readonly Shop[]): string {
  const cell = (value: unknown): string => {
    let text = value === undefined || value === null ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = shops.map((shop) =>
    COLUMNS.map((c) => (c.endsWith('At') ? new Date(shop[c] as number).toISOString() : shop[c]))
      .map(cell)
      .join(','),
  );
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
