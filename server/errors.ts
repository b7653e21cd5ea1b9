import type { Context } from 'hono';
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status';

/**
 * Every error leaves the server as {"error": {"code", "message"}}; never a stack trace. The status
 * stays in the type, so `hc<App>` tells an error answer from a route's success.
 */
export function jsonError<S extends ClientErrorStatusCode | ServerErrorStatusCode>(
  c: Context,
  status: S,
  code: string,
  message: string,
) {
  return c.json({ error: { code, message } }, status);
}
