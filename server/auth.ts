import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { rateLimiter } from 'hono-rate-limiter';
import { jsonError } from './errors';
import type { Principal, Role, Store } from './store/store';

export type AuthEnv = { Variables: { principal: Principal; authFailed?: boolean } };

/** Wrong tokens and calendar secrets one client may try per minute before it is refused (429). */
export const FAILED_AUTH_PER_MINUTE = 30;

/**
 * Counts only failed attempts (a route marks one with `authFailed`), so a busy member is never
 * slowed, while guessing tokens or calendar URLs stops after a handful of tries.
 */
export function limitFailedAuth(clientKey: (c: Context) => string) {
  return rateLimiter<AuthEnv>({
    windowMs: 60_000,
    limit: FAILED_AUTH_PER_MINUTE,
    keyGenerator: clientKey,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (c) => !c.get('authFailed'),
    handler: (c) => jsonError(c, 429, 'rate_limited', 'Too many failed attempts from this address; wait a minute.'),
  });
}

export const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

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
