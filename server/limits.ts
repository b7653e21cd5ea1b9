import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { UNSTORABLE_TEXT, unstorableTextAt } from '../shared/storable-text';
import { jsonError } from './errors';

/** Every request body but a push; the biggest legitimate one (an invite redemption) is under 1 KB. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** A push: up to 1,000 mutations of ordinary records. */
export const PUSH_BODY_LIMIT_BYTES = 1024 * 1024;
/** Arrays and objects inside one another; a record is four deep, a push seven. */
export const MAX_JSON_DEPTH = 32;
/** A live socket only ever receives pings from a browser. */
export const WS_MESSAGE_LIMIT_BYTES = 16 * 1024;
/** One record's fields, as JSON. */
export const RECORD_LIMIT_BYTES = 64 * 1024;
/** A pull page holds at most this much record JSON (and at most `limit` records), plus the one record that crosses it. */
export const PULL_PAGE_LIMIT_BYTES = 4 * 1024 * 1024;
/** What one team may store, in bytes of record JSON, unless TEAM_STORAGE_MB says otherwise. */
export const DEFAULT_TEAM_STORAGE_MB = 50;

const isPush = (c: Context) => c.req.method === 'POST' && c.req.path === '/v1/push';

/**
 * Reads each request body once, counting bytes as they arrive: a Content-Length over the limit is
 * answered 413 before a byte is read, and a body that grows past the limit (chunked, or longer than
 * it claimed) is cut off there, so no body can fill the heap whatever it says of itself. Read
 * straight from Node's request when there is one (through Fetch's streams a push of 100 records
 * spent about 0.5 ms of CPU on the plumbing), and left as text where c.req.text() and json() look.
 */
export function limitBodies() {
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const max = isPush(c) ? PUSH_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES;
    const declared = c.req.header('content-length');
    if (declared !== undefined && Number(declared) > max) return tooLarge(c, max);
    // Never touch c.req.raw.body when Node's request is there: that would build Fetch's stream over it.
    const source = (c.env as Partial<HttpBindings> | undefined)?.incoming ?? c.req.raw.body;
    if (!source) return next();
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Not for-await: leaving that loop early would destroy Node's request, and the 413 with it.
    const reading = source[Symbol.asyncIterator]();
    for (let chunk = await reading.next(); !chunk.done; chunk = await reading.next()) {
      size += chunk.value.byteLength;
      if (size > max) return tooLarge(c, max);
      chunks.push(chunk.value);
    }
    // hono keeps a promise of each body form here (its type says the value).
    (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(utf8.decode(Buffer.concat(chunks, size)));
    return next();
  });
}

/** UTF-8 as Fetch's text() decodes it: a leading byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

const tooLarge = (c: Context, max: number) =>
  jsonError(
    c,
    413,
    'too_large',
    `This request may carry at most ${max} bytes${max === PUSH_BODY_LIMIT_BYTES ? '; split the push' : ''}.`,
  );

/**
 * Refuses, before any parsing, JSON nested deeper than MAX_JSON_DEPTH (saving 100,000 nested
 * arrays overflowed the stack), and, anywhere in the request, text the stores cannot hold, naming
 * where it is. Runs after limitBodies, so the text it reads is bounded.
 */
export function checkRequestText() {
  return createMiddleware(async (c, next) => {
    const path = decodedPath(c);
    if (path === null || unstorableTextAt(path) !== null) {
      return jsonError(c, 400, 'unstorable_text', `The path ${UNSTORABLE_TEXT} or is not valid percent-encoding.`);
    }
    const inQuery = unstorableTextAt(c.req.queries(), 'query');
    if (inQuery) return jsonError(c, 400, 'unstorable_text', `${inQuery} ${UNSTORABLE_TEXT}.`);
    if (c.req.bodyCache.text !== undefined && /json/i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text();
      const depth = jsonDepth(text);
      if (depth > MAX_JSON_DEPTH) {
        return jsonError(c, 400, 'too_deep', `JSON may nest at most ${MAX_JSON_DEPTH} arrays and objects; this nests ${depth}.`);
      }
      // Only parsed twice when an escape for NUL or a surrogate appears at all.
      if (/\\u(0000|d[89a-f][0-9a-f]{2})/i.test(text)) {
        const where = parsedOrNull(text);
        const bad = where === undefined ? null : unstorableTextAt(where, 'body');
        if (bad) return jsonError(c, 400, 'unstorable_text', `${bad} ${UNSTORABLE_TEXT}.`);
      }
    }
    await next();
  });
}

function decodedPath(c: Context): string | null {
  try {
    return decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return null;
  }
}

function parsedOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: the route's validator says so.
    return undefined;
  }
}

/** The deepest nesting of arrays and objects in JSON text, stopping early once past the limit. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    // Strings are most of a push's text: jumped over with indexOf rather than read a character at a time.
    if (ch === 34 /* " */) i = closingQuote(text, i);
    else if (ch === 91 /* [ */ || ch === 123 /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return deepest;
      }
    } else if (ch === 93 /* ] */ || ch === 125 /* } */) depth--;
  }
  return deepest;
}

/** Where the string opened at `open` ends: the next quote not escaped by an odd run of backslashes. */
function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}
