import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { UpgradeWebSocket } from 'hono/ws';
import { type AuthEnv, limitFailedAuth, requireDevice } from './auth';
import { authorizationCalendar } from './calendar';
import { jsonError } from './errors';
import { LiveHub } from './live';
import { openApiDocument } from './openapi';
import { inviteRoutes } from './routes/invites';
import { quotaRoutes } from './routes/quota';
import { syncRoutes } from './routes/sync';
import { calendarAdminRoutes, teamRoutes } from './routes/team';
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
  onCommit?: (teamId: string, version: number) => void;
  upgradeWebSocket?: UpgradeWebSocket;
  /** Who is calling, for rate limits: the socket's address. */
  clientKey?: (c: import('hono').Context) => string;
}

/** Extension pages call from chrome-extension:// or moz-extension:// origins; no host permission needed. */
const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

/** Builds the Hono app; index.ts only serves it, and tests call `app.request()` with no port. */
export function createApp({
  store,
  log = () => {},
  hub = new LiveHub(),
  publicUrl = 'http://127.0.0.1:8787',
  onCommit,
  upgradeWebSocket,
  clientKey,
}: AppDeps) {
  const commit = onCommit ?? ((teamId: string, version: number) => void hub.poke(teamId, version));
  const key = clientKey ?? ((c: import('hono').Context) => c.req.header('x-forwarded-for') ?? 'local');
  const app = new Hono<AuthEnv>();
  app.use(
    '*',
    cors({
      origin: (origin) => (EXTENSION_ORIGIN.test(origin) ? origin : null),
      allowHeaders: ['authorization', 'content-type'],
      maxAge: 600,
    }),
  );
  const failedAuth = limitFailedAuth(key);
  app.use('/v1/*', failedAuth);
  app.use('/calendar/*', failedAuth);
  app
    .get('/health', (c) => c.json({ ok: true, version: VERSION }))
    .get('/ready', async (c) => {
      try {
        await store.ping();
        return c.json({ ok: true, store: store.kind });
      } catch (error) {
        log({ level: 'error', msg: 'store not ready', error: String(error) });
        return jsonError(c, 503, 'store_unavailable', `The ${store.kind} store is not answering.`);
      }
    })
    .get('/openapi.json', (c) => c.json(openApiDocument(publicUrl)))
    .route('/v1/invites', inviteRoutes(store, key))
    .get('/calendar/:file', async (c) => {
      // The secret in the URL is the credential: calendar apps cannot send a token.
      const secret = c.req.param('file').replace(/\.ics$/, '');
      const teamId = /^cal_[A-Za-z0-9_-]{20,}$/.test(secret) ? await store.teamOfCalendarSecret(secret) : null;
      if (!teamId) {
        c.set('authFailed', true);
        return jsonError(c, 404, 'not_found', 'No calendar at this address (it may have been revoked).');
      }
      const body = authorizationCalendar(await store.records(teamId, 'authorizations'));
      return c.body(body, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' });
    });

  if (upgradeWebSocket) {
    app.get(
      '/v1/live',
      upgradeWebSocket(async (c) => {
        const principal = await store.authenticate(c.req.query('token') ?? '');
        if (!principal) c.set('authFailed', true);
        let timer: ReturnType<typeof setInterval> | undefined;
        return {
          onOpen(_event, ws) {
            if (!principal) return ws.close(4001, 'unknown or revoked token');
            hub.add(principal.teamId, principal.deviceId, ws);
            ws.send(JSON.stringify({ type: 'hello', teamId: principal.teamId }));
            // A message at least every 20 s keeps an MV3 service worker, and proxies, awake.
            timer = setInterval(() => ws.send(JSON.stringify({ type: 'ping' })), 20_000);
          },
          onMessage(event, ws) {
            if (String(event.data).includes('"ping"')) ws.send(JSON.stringify({ type: 'pong' }));
          },
          onClose(_event, ws) {
            clearInterval(timer);
            if (principal) hub.remove(principal.teamId, ws);
          },
        };
      }),
    );
  }

  const v1 = new Hono()
    .use('*', requireDevice(store))
    .route('/', syncRoutes(store, commit))
    .route(
      '/',
      teamRoutes(store, publicUrl, (teamId, deviceId) => hub.disconnectDevice(teamId, deviceId)),
    )
    .route('/', calendarAdminRoutes(store, publicUrl))
    .route('/', quotaRoutes(store));
  app.route('/v1', v1);

  app.notFound((c) => jsonError(c, 404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      const code = /json/i.test(error.message) ? 'invalid_json' : 'bad_request';
      return jsonError(c, error.status as 400, code, error.message);
    }
    if (error instanceof SyntaxError) return jsonError(c, 400, 'invalid_json', 'The body is not valid JSON.');
    log({ level: 'error', msg: 'unhandled error', path: new URL(c.req.url).pathname, error: String(error) });
    return jsonError(c, 500, 'internal', 'Something went wrong on the server; it was logged.');
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
