import { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { AuthEnv } from '../auth';
import type { LiveHub } from '../live';
import type { Store } from '../store/store';

/**
 * The live socket: `hello`, then a poke after each commit and a ping every 20 s. A browser only
 * ever sends pings; index.ts caps what it may send (WS_MESSAGE_LIMIT_BYTES).
 */
export function liveRoute(store: Store, hub: LiveHub, upgradeWebSocket: UpgradeWebSocket) {
  return new Hono<AuthEnv>().get(
    '/',
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
