import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { MemoryStore } from 'hono-rate-limiter';
import { RANK, type Role } from '../shared/team-roles';
import { jsonError } from './errors';
import type { Principal, Store } from './store/store';

export type AuthEnv = { Variables: { principal: Principal; authFailed?: boolean } };

/** Wrong tokens and calendar secrets one client may try per minute before it is refused (429). */
export const FAILED_AUTH_PER_MINUTE = 30;

/**
 * Counts only failed attempts (a route marks one with `authFailed`), and checks the count before a
 * request without adding to it: a busy member (or a whole office behind one address, or a
 * thousand sockets opening at once) is never slowed, while guessing tokens or calendar URLs
 * stops after a handful of tries. (hono-rate-limiter's own middleware counts every request
 * first and takes successful ones back after, so concurrent good requests could trip it.)
 */
export function limitFailedAuth(clientKey: (c: Context) => string) {
  const failures = new MemoryStore<AuthEnv>();
  failures.init({ windowMs: 60_000 } as Parameters<MemoryStore<AuthEnv>['init']>[0]);
  return createMiddleware<AuthEnv>(async (c, next) => {
    const key = clientKey(c);
    if ((failures.get(key)?.totalHits ?? 0) >= FAILED_AUTH_PER_MINUTE) {
      return jsonError(c, 429, 'rate_limited', 'Too many failed attempts from this address; wait a minute.');
    }
    await next();
    if (c.get('authFailed')) failures.increment(key);
  });
}

/** Every /v1 route but invite redemption needs a device token: `Authorization: Bearer sac_...`. */
export function requireDevice(store: Store) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!token) {
      c.set('authFailed', true);
      return jsonError(c, 401, 'unauthenticated', 'Send a device token as "Authorization: Bearer <token>".');
    }
    const principal = await store.authenticate(token);
    if (!principal) {
      c.set('authFailed', true);
      return jsonError(c, 401, 'unauthenticated', 'This token is unknown or was revoked.');
    }
    c.set('principal', principal);
    await next();
  });
}

/** A viewer reads; a member writes; admins and owners manage devices and invites. */
export function requireRole(minimum: Role) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const { role } = c.get('principal');
    if (RANK[role] < RANK[minimum])
      return jsonError(c, 403, 'forbidden', `This needs the ${minimum} role; this device is ${role}.`);
    await next();
  });
}
