/**
 * Page words compared as a person reads them: case, spacing, a trailing colon, sort arrows and
 * British or American spelling ("authorised", "cancelled") do not make two words different.
 */
export function normalizeWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2191\u2193\u25B2\u25BC\u25B4\u25BE\u2195\u21C5*]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:\uFF1A]$/, '')
    .replace(/\bauthoris/g, 'authoriz')
    .replace(/\borganis/g, 'organiz')
    .replace(/\bcancell/g, 'cancel')
    .replace(/\bcentre\b/g, 'center')
    .trim();
}

/** A set of words matched whole, after `normalizeWords`; a parenthesised unit ("Expiry date (UTC+8)") is ignored. */
export class WordList {
  private readonly words: ReadonlySet<string>;

  constructor(words: readonly string[]) {
    this.words = new Set(words.map(normalizeWords));
  }

  has(text: string): boolean {
    const words = normalizeWords(text);
    if (words.length === 0 || words.length > 60) return false;
    return this.words.has(words) || this.words.has(words.replace(/\s*\([^)]*\)$/, ''));
  }
}
