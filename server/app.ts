import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jsonError } from './errors';
import type { Store } from './store/store';

export const VERSION = '0.1.0';

export interface AppDeps {
  store: Store;
  log?: (entry: Record<string, unknown>) => void;
}

/** Builds the Hono app; index.ts only serves it, and tests call `app.request()` with no port. */
export function createApp({ store, log = () => {} }: AppDeps) {
  const app = new Hono()
    .get('/health', (c) => c.json({ ok: true, version: VERSION }))
    .get('/ready', async (c) => {
      try {
        await store.ping();
        return c.json({ ok: true, store: store.kind });
      } catch (error) {
        log({ level: 'error', msg: 'store not ready', error: String(error) });
        return jsonError(c, 503, 'store_unavailable', `The ${store.kind} store is not answering.`);
      }
    });

  app.notFound((c) => jsonError(c, 404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return jsonError(c, error.status as 400, 'bad_request', error.message);
    log({ level: 'error', msg: 'unhandled error', path: new URL(c.req.url).pathname, error: String(error) });
    return jsonError(c, 500, 'internal', 'Something went wrong on the server; it was logged.');
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
