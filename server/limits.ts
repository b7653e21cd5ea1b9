import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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

const isPush = (c: Context) => c.req.method === 'POST' && new URL(c.req.url).pathname === '/v1/push';

/**
 * Bodies are counted as they stream in (hono's bodyLimit): a Content-Length over the limit is
 * answered 413 before a byte is read, and a chunked body is cut off at the limit, so no body can
 * fill the heap whatever it claims.
 */
export function limitBodies() {
  const tooLarge = (max: number) => (c: Context) =>
    jsonError(
      c,
      413,
      'too_large',
      `This request may carry at most ${max} bytes${max === PUSH_BODY_LIMIT_BYTES ? '; split the push' : ''}.`,
    );
  const push = bodyLimit({ maxSize: PUSH_BODY_LIMIT_BYTES, onError: tooLarge(PUSH_BODY_LIMIT_BYTES) });
  const other = bodyLimit({ maxSize: BODY_LIMIT_BYTES, onError: tooLarge(BODY_LIMIT_BYTES) });
  return createMiddleware((c, next) => (isPush(c) ? push(c, next) : other(c, next)));
}

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
    if (c.req.raw.body && /json/i.test(c.req.header('content-type') ?? '')) {
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
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
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
