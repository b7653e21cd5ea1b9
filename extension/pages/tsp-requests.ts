import type { TspRequestRow } from '../protocol-types';

/** Seller Center > TikTok Shop Partner > "My request": a record without a partner is not a request. */
export function toRequestRow(values: Partial<Record<keyof TspRequestRow, string>>): TspRequestRow | null {
  const partner = values.partner ?? '';
  if (!partner) return null;
  return { partner, reference: values.reference ?? '', status: values.status ?? '' };
}
