import { type ClientResponse, hc, type parseResponse } from 'hono/client';
import type { App } from '../../server/app';

/**
 * The sync server as the extension calls it: Hono's typed client over the server's own `App`
 * type, so a path, method, body or answer that drifts from the server is a compile error here
 * rather than a 404 in a person's browser.
 */
export type TeamServer = ReturnType<typeof hc<App>>;

export function teamServer(serverUrl: string, token?: string, fetchFn?: typeof fetch): TeamServer {
  return hc<App>(serverUrl, {
    // Called as a plain function: a worker's fetch called as a method of another object throws "Illegal invocation".
    fetch: fetchFn ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)),
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** The server said no: 401 means this browser's token was revoked or never valid. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a call answers when it succeeds (Hono's own reading of the route's 2xx outputs). */
export type Answer<R extends ClientResponse<unknown>> = Awaited<ReturnType<typeof parseResponse<R>>>;

/**
 * One call's JSON answer. An unreachable server is an Error saying so; an answer that is not 2xx
 * is a SyncHttpError carrying the server's own code and message.
 */
export async function answer<R extends ClientResponse<unknown>>(serverUrl: string, call: Promise<R>): Promise<Answer<R>> {
  // Said in words a person can act on; the browser's own text ("Failed to fetch") says nothing of what to do.
  const response = await call.catch((error: Error) => {
    throw new Error(
      `The team's server at ${new URL(serverUrl).host} did not answer (is it running, and is this browser online?)`,
      {
        cause: error,
      },
    );
  });
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok || body === null) {
    throw new SyncHttpError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return body as Answer<R>;
}

/** An authenticated call for this browser's team, the token kept in the background. */
export type TeamCall = <R extends ClientResponse<unknown>>(call: (server: TeamServer) => Promise<R>) => Promise<Answer<R>>;
