import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { UpgradeWebSocket } from 'hono/ws';
import { type AuthEnv, limitFailedAuth } from './auth';
import { jsonError } from './errors';
import { checkRequestText, limitBodies } from './limits';
import { LiveHub, pagesFrom } from './live';
import { openApiDocument } from './openapi';
import { auditRoutes } from './routes/audit';
import { calendarAdminRoutes, calendarFeedRoutes } from './routes/calendar';
import { deviceRoutes } from './routes/devices';
import { inviteRoutes } from './routes/invites';
import { liveRoute } from './routes/live';
import { memberRoutes } from './routes/members';
import { quotaRoutes } from './routes/quota';
import { pullRoutes, pushRoutes } from './routes/sync';
import { storeFault } from './store/faults';
import type { Store } from './store/store';
import { VERSION } from './version';

export { VERSION };

export interface AppDeps {
  store: Store;
  log?: (entry: Record<string, unknown>) => void;
  hub?: LiveHub;
  /** How clients reach this server; invite links carry it. */
  publicUrl?: string;
  /** Other instances' commits (PostgreSQL NOTIFY) and this one's go through here. */
  onCommit?: (teamId: string, version: number, since: number) => void;
  upgradeWebSocket?: UpgradeWebSocket;
  /** Who is calling, for rate limits: the socket's address. */
  clientKey?: (c: Context) => string;
}

/** Extension pages call from chrome-extension:// or moz-extension:// origins; no host permission needed. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

/** A path as logs may show it: the calendar secret in a feed URL is a credential. */
export function loggablePath(url: string): string {
  return new URL(url).pathname.replace(/^\/calendar\/[^/]+/, '/calendar/<secret>');
}

/**
 * Builds the Hono app; index.ts only serves it, and tests call `app.request()` with no port. One
 * router per resource, chained so that `App` carries every route's input and output for `hc<App>`.
 */
export function createApp({
  store,
  log = () => {},
  hub = new LiveHub(pagesFrom(store)),
  publicUrl = 'http://127.0.0.1:8787',
  onCommit,
  upgradeWebSocket,
  clientKey,
}: AppDeps) {
  const commit = onCommit ?? ((teamId: string, version: number, since: number) => void hub.poke(teamId, version, since));
  const key = clientKey ?? ((c: Context) => c.req.header('x-forwarded-for') ?? 'local');
  const disconnect = (teamId: string, deviceId: string) => hub.disconnectDevice(teamId, deviceId);
  const failedAuth = limitFailedAuth(key);
  const app = new Hono<AuthEnv>()
    .use(
      cors({
        origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
        allowHeaders: ['authorization', 'content-type'],
        maxAge: 600,
      }),
    )
    .use(limitBodies())
    .use(checkRequestText())
    .use('/v1/*', failedAuth)
    .use('/calendar/*', failedAuth)
    .get('/health', (c) => c.json({ ok: true, version: VERSION }))
    .get('/ready', async (c) => {
      try {
        await store.ping();
        return c.json({ ok: true, store: store.kind });
      } catch (error) {
        log({ level: 'error', msg: 'store not ready', error: String(error) });
        const why = storeFault(error)?.message ?? `The ${store.kind} store is not answering or takes no writes.`;
        return jsonError(c, 503, 'store_unavailable', why);
      }
    })
    .get('/openapi.json', (c) => c.json(openApiDocument(publicUrl)))
    .route('/v1/invites', inviteRoutes(store, publicUrl, key))
    .route('/v1/push', pushRoutes(store, commit))
    .route('/v1/pull', pullRoutes(store))
    .route('/v1/members', memberRoutes(store, disconnect))
    .route('/v1/devices', deviceRoutes(store, disconnect))
    .route('/v1/quota', quotaRoutes(store))
    .route('/v1/audit', auditRoutes(store))
    .route('/v1/calendar', calendarAdminRoutes(store, publicUrl))
    .route('/calendar', calendarFeedRoutes(store));
  if (upgradeWebSocket) app.route('/v1/live', liveRoute(store, hub, upgradeWebSocket));

  app.notFound((c) => jsonError(c, 404, 'not_found', `No route for ${c.req.method} ${loggablePath(c.req.url)}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const code = /json/i.test(error.message) ? 'invalid_json' : 'bad_request';
      return jsonError(c, error.status as 400, code, error.message);
    }
    if (error instanceof SyntaxError) return jsonError(c, 400, 'invalid_json', 'The body is not valid JSON.');
    const fault = storeFault(error);
    if (fault) {
      log({ level: 'warn', msg: fault.code, path: loggablePath(c.req.url), error: String(error) });
      c.header('retry-after', '5');
      return jsonError(c, fault.status, fault.code, fault.message);
    }
    log({ level: 'error', msg: 'unhandled error', path: loggablePath(c.req.url), error: String(error) });
    return jsonError(c, 500, 'internal', 'Something went wrong on the server; it was logged.');
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
