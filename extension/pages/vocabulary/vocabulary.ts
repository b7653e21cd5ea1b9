import type { ListPageHint } from './list-hints';

/** What a field's values look like, for the columns and lines no header or label names. */
export type FieldShape = 'title' | 'text' | 'date' | 'period' | 'status' | 'code' | 'id';

export interface FieldSpec<K extends string> {
  key: K;
  /** Header and label words that name this field (compared with `normalizeWords`). */
  labels: readonly string[];
  /** Fragments of `data-tid` values that name it. */
  tids?: readonly string[];
  shape: FieldShape;
}

/**
 * Everything a list page's helper knows of the words TikTok uses on it: the names of its fields,
 * the status words, and the hints (route, heading: list-hints.ts) that say which page this is. A change on
 * TikTok's side is one edit in one of these files.
 */
export interface PageVocabulary<K extends string> extends ListPageHint {
  fields: readonly FieldSpec<K>[];
  /** Fields each record must carry for the page to be recognised by its content alone. */
  required: readonly K[];
  /** Fewer fields suffice where the route or the heading also says which page this is. */
  requiredWithHint: readonly K[];
}

/** How Seller Center names a TikTok Shop Partner, on every page that lists them. */
export const PARTNER_WORDS = [
  'partner',
  'partner name',
  'service provider',
  'provider',
  'tsp',
  'tsp name',
  'tiktok shop partner',
  'partner company',
] as const;
