/**
 * Ids derived from what a page shows, so re-reading the same row finds the same record. No schema
 * library here: content scripts use these, and must stay small.
 */
const normalized = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** A TSP request's id: its shop, partner and reference, so re-reading the same row finds the same record. */
export function tspRequestId(shopCode: string | undefined, row: { partner: string; reference: string }): string {
  return `${shopCode ?? '?'}|${normalized(row.partner)}|${normalized(row.reference)}`;
}
