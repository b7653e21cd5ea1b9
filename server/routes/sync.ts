import { Hono, type TypedResponse } from 'hono';
import { PullQuerySchema, type PullResponse } from '../../shared/sync-protocol';
import { type AuthEnv, requireDevice, requireRole } from '../auth';
import { jsonError } from '../errors';
import { PushBodySchema } from '../push-body';
import { mutationProblem } from '../records';
import { TeamStorageFull } from '../store/faults';
import type { Store } from '../store/store';
import { validate } from '../validate';

/** Push: mutations checked one by one against the shared schemas, the rest merged in one transaction. */
export function pushRoutes(store: Store, onCommit: (teamId: string, version: number, since: number) => void) {
  return new Hono<AuthEnv>().post(
    '/',
    requireDevice(store),
    requireRole('member'),
    validate('json', PushBodySchema),
    async (c) => {
      const principal = c.get('principal');
      const request = c.req.valid('json');
      const problems = request.mutations.map(mutationProblem);
      const accepted = request.mutations.filter((_, i) => problems[i] === null);
      let stored: Awaited<ReturnType<Store['push']>> = [];
      try {
        if (accepted.length > 0) stored = await store.push(principal, { ...request, mutations: accepted });
      } catch (error) {
        if (error instanceof TeamStorageFull) return jsonError(c, 413, 'team_storage_full', error.message);
        throw error;
      }
      const last = Math.max(0, ...stored.map((r) => ('version' in r ? r.version : 0)));
      // The push took versions (T - n, T] with T >= last: last - n is at or before its first.
      if (last > 0) onCommit(principal.teamId, last, Math.max(0, last - accepted.length));
      let next = 0;
      const results = request.mutations.map((m, i) => {
        const problem = problems[i];
        return problem === null || problem === undefined
          ? (stored[next++] as (typeof stored)[number])
          : { mutationId: m.mutationId, status: 'rejected' as const, reason: problem };
      });
      return c.json({ results });
    },
  );
}

/** Pull: a page of changes after a version, written from the stored JSON text. */
export function pullRoutes(store: Store) {
  return new Hono<AuthEnv>().get('/', requireDevice(store), validate('query', PullQuerySchema), async (c) => {
    const { since, limit, purgedThrough } = c.req.valid('query');
    const body = await store.pullJson(c.get('principal').teamId, since, limit, purgedThrough);
    // Written from the stored JSON text without parsing it again; typed as what it holds, for hc<App>.
    return c.body(body, 200, { 'content-type': 'application/json' }) as unknown as TypedResponse<PullResponse, 200, 'json'>;
  });
}
