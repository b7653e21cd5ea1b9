/**
 * Text no store can hold as sent: PostgreSQL refuses a NUL in `text` and `jsonb`, and a lone
 * surrogate (half of an emoji) in `jsonb`, while SQLite keeps both and hands them back to browsers
 * that then disagree with a PostgreSQL team. Refusing them at the door keeps both stores the same.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

export const UNSTORABLE_TEXT = 'holds a NUL character or a lone surrogate (half of an emoji), which the store cannot hold';

/**
 * Where, in a parsed JSON value, the first key or string the store cannot hold is (`mutations.3.fields.name`);
 * null when there is none. Callers bound the depth first (request bodies are depth-checked as they arrive).
 */
export function unstorableTextAt(value: unknown, path = ''): string | null {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(value)';
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextAt(item, at(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return at(JSON.stringify(key));
      const found = unstorableTextAt(item, at(key));
      if (found !== null) return found;
    }
  }
  return null;
}
