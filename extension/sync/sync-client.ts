import type { z } from 'zod';
import {
  PartnerAccessSchema,
  ShopAccessRequestSchema,
  ShopSchema,
  TspAuthorizationSchema,
  TspRequestSchema,
} from '../../shared/schemas';
import type { Collection, Mutation, MutationResult, PullResponse, SyncRecord } from '../../shared/sync-protocol';
import type { CompanionDb, OutboxEntry } from '../db/database';
import { markFromServer, recordKey, SYNCED_TABLES } from './outbox-middleware';

/** Where this browser syncs, as the invite redemption gave it. */
export interface SyncConnection {
  serverUrl: string;
  token: string;
  teamId: string;
  memberId: string;
  deviceId: string;
  role: string;
  name: string;
  label: string;
}

export interface SyncOutcome {
  pushed: number;
  pulled: number;
  /** Changes the server kept its own value for (another member changed the same field first), described. */
  conflicts: string[];
  /** Records from the server this browser refused to store, with why (never silently dropped). */
  refused: string[];
  pending: number;
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

/** Every record another browser sends is checked against the same schema as this browser's own. */
const SCHEMAS: Record<string, z.ZodType> = {
  shops: ShopSchema,
  authorizations: TspAuthorizationSchema,
  tspRequests: TspRequestSchema,
  partnerAccess: PartnerAccessSchema,
  accessRequests: ShopAccessRequestSchema,
};

/** Times every visit rewrites: two members racing on them is expected, not worth telling anyone. */
const BOOKKEEPING_FIELDS = new Set(['lastSeenAt', 'updatedAt']);

const PUSH_BATCH = 500;
const PULL_PAGE = 5000;

/**
 * One browser's side of the sync protocol: push the outbox in order, then pull since the
 * checkpoint, each page applied with its checkpoint in one transaction. Runs in the background;
 * `fetch` is passed in so tests can put the real server in-process.
 */
export class SyncClient {
  constructor(
    private readonly db: CompanionDb,
    private readonly connection: Pick<SyncConnection, 'serverUrl' | 'token'>,
    private readonly fetchFn?: typeof fetch,
  ) {}

  async sync(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { pushed: 0, pulled: 0, conflicts: [], refused: [], pending: 0 };
    await this.push(outcome);
    await this.pull(outcome);
    outcome.pending = await pendingCount(this.db);
    return outcome;
  }

  private async push(outcome: SyncOutcome): Promise<void> {
    const clientId = await clientIdOf(this.db);
    let batch = PUSH_BATCH;
    for (;;) {
      const entries = (await this.db.outbox
        .orderBy('seq')
        .filter((e) => !e.rejected)
        .limit(batch)
        .toArray()) as Required<Pick<OutboxEntry, 'seq'>>[] & OutboxEntry[];
      if (entries.length === 0) return;
      let results: MutationResult[];
      try {
        ({ results } = await this.request<{ results: MutationResult[] }>('/v1/push', {
          method: 'POST',
          body: { clientId, mutations: entries.map(toMutation) },
        }));
      } catch (error) {
        // A malformed entry must not hold the queue: narrow down to it, then set it aside.
        if (error instanceof SyncHttpError && (error.status === 400 || error.status === 413)) {
          if (entries.length > 1) {
            batch = Math.max(1, Math.floor(entries.length / 2));
            continue;
          }
          await this.db.outbox.update(entries[0]?.seq as number, { rejected: `${error.code}: ${error.message}` });
          continue;
        }
        throw error;
      }
      await this.settle(entries, results, outcome);
      outcome.pushed += entries.length;
    }
  }

  /** Drops answered entries; a conflict's server record is stored at once if nothing else is pending for it. */
  private async settle(entries: OutboxEntry[], results: MutationResult[], outcome: SyncOutcome): Promise<void> {
    await this.db.transaction('rw', [...SYNCED_TABLES, 'outbox', 'syncVersions'], async (tx) => {
      markFromServer(tx.idbtrans);
      await this.db.outbox.bulkDelete(entries.map((e) => e.seq as number));
      for (const [i, result] of results.entries()) {
        const entry = entries[i] as OutboxEntry;
        if (result.status === 'rejected') outcome.refused.push(`${entry.collection} ${entry.id}: ${result.reason}`);
        if (result.status === 'conflict') {
          const meaningful = result.fields.filter((f) => !BOOKKEEPING_FIELDS.has(f));
          if (meaningful.length > 0 || result.fields.length === 0) {
            outcome.conflicts.push(`${entry.collection} ${entry.id}: ${meaningful.join(', ') || 'deleted'}`);
          }
          await this.apply([result.record], outcome);
        }
        if (result.status === 'applied' && entry.op === 'upsert' && !(await hasPending(this.db, entry.key))) {
          await this.db.syncVersions.put({ key: entry.key, version: result.version });
        }
      }
    });
  }

  private async pull(outcome: SyncOutcome): Promise<void> {
    for (;;) {
      const since = Number((await this.db.syncState.get('checkpoint'))?.value ?? 0);
      const page = await this.request<PullResponse>(`/v1/pull?since=${since}&limit=${PULL_PAGE}`, { method: 'GET' });
      await this.db.transaction('rw', [...SYNCED_TABLES, 'outbox', 'syncVersions', 'syncState'], async (tx) => {
        markFromServer(tx.idbtrans);
        // Older than the server's tombstone retention: what this browser holds may include records
        // deleted since; start over from the server's copy, keeping every change not yet sent.
        if (page.mustRefetch) await this.dropSyncedCopies();
        await this.apply(page.changes, outcome);
        await this.db.syncState.put({ key: 'checkpoint', value: page.next });
      });
      outcome.pulled += page.changes.length;
      if (!page.more) return;
    }
  }

  private async dropSyncedCopies(): Promise<void> {
    const pending = new Set((await this.db.outbox.toArray()).map((e) => e.key));
    for (const name of SYNCED_TABLES) {
      const table = this.db.table(name);
      const keys = (await table.toCollection().primaryKeys()) as string[];
      await table.bulkDelete(keys.filter((k) => !pending.has(recordKey(name, String(k)))));
    }
    await this.db.syncVersions.clear();
  }

  /**
   * Stores server records, except those this browser has a change to still waiting: that change
   * goes out with the version it was based on, and the server's merge decides. A page is a handful
   * of bulk writes, not three per record (10,000 records: 23 s one by one in Chromium).
   */
  private async apply(changes: SyncRecord[], outcome: SyncOutcome): Promise<void> {
    const keys = changes.map((c) => recordKey(c.collection, c.id));
    const pending = new Set((await this.db.outbox.where('key').anyOf(keys).keys()) as string[]);
    const puts = new Map<string, unknown[]>();
    const deletes = new Map<string, string[]>();
    const versions: { key: string; version: number }[] = [];
    const forgotten: string[] = [];
    changes.forEach((change, i) => {
      const schema = SCHEMAS[change.collection];
      const key = keys[i] as string;
      if (!schema || pending.has(key)) return;
      if (change.deleted) {
        deletes.set(change.collection, [...(deletes.get(change.collection) ?? []), change.id]);
        forgotten.push(key);
        return;
      }
      const parsed = schema.safeParse(change.fields);
      if (!parsed.success) {
        outcome.refused.push(`${change.collection} ${change.id}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      const rows = puts.get(change.collection) ?? [];
      rows.push(parsed.data);
      puts.set(change.collection, rows);
      versions.push({ key, version: change.version });
    });
    for (const [collection, rows] of puts) await this.db.table(collection).bulkPut(rows);
    for (const [collection, ids] of deletes) await this.db.table(collection).bulkDelete(ids);
    await this.db.syncVersions.bulkPut(versions);
    await this.db.syncVersions.bulkDelete(forgotten);
  }

  private request<T>(path: string, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<T> {
    return callServer<T>(`${this.connection.serverUrl}${path}`, { ...init, token: this.connection.token }, this.fetchFn);
  }
}

/**
 * One call to the sync server and its JSON answer. An unreachable server is an Error saying so; an
 * answer that is not 2xx is a SyncHttpError carrying the server's own code and message.
 */
export async function callServer<T>(
  url: string,
  init: { method: string; body?: unknown; token?: string },
  // Called as a plain function: a worker's fetch called as a method of another object throws "Illegal invocation".
  fetchFn: typeof fetch = (input, options) => fetch(input, options),
): Promise<T> {
  const response = await fetchFn(url, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  }).catch((error: Error) => {
    throw new Error(`Could not reach ${new URL(url).origin}: ${error.message}`);
  });
  const body = (await response.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!response.ok || body === null) {
    throw new SyncHttpError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `The server answered ${response.status}.`,
    );
  }
  return body;
}

function toMutation(entry: OutboxEntry): Mutation {
  return {
    mutationId: entry.mutationId,
    collection: entry.collection as Collection,
    id: entry.id,
    baseVersion: entry.baseVersion,
    op: entry.op,
    ...(entry.fields ? { fields: entry.fields } : {}),
  };
}

async function hasPending(db: CompanionDb, key: string): Promise<boolean> {
  return (await db.outbox.where('key').equals(key).count()) > 0;
}

export async function pendingCount(db: CompanionDb): Promise<number> {
  return db.outbox.filter((e) => !e.rejected).count();
}

/** One id per browser profile, kept with the data: a replayed push is recognised by it. */
export async function clientIdOf(db: CompanionDb): Promise<string> {
  const stored = await db.syncState.get('clientId');
  if (stored) return String(stored.value);
  const clientId = `browser-${crypto.randomUUID()}`;
  await db.syncState.put({ key: 'clientId', value: clientId });
  return clientId;
}

/**
 * On joining a team: everything this browser already knows becomes one change per record, so the
 * team receives it (records share natural keys, so two members' copies of a shop merge).
 */
export async function queueSnapshot(db: CompanionDb): Promise<number> {
  return db.transaction('rw', [...SYNCED_TABLES, 'outbox', 'syncVersions', 'syncState'], async () => {
    await db.outbox.clear();
    await db.syncVersions.clear();
    await db.syncState.delete('checkpoint');
    let queued = 0;
    const now = Date.now();
    for (const name of SYNCED_TABLES) {
      const table = db.table(name);
      const keyPath = table.schema.primKey.keyPath as string;
      const rows = (await table.toArray()) as Record<string, unknown>[];
      await db.outbox.bulkAdd(
        rows.map((row) => ({
          key: recordKey(name, String(row[keyPath])),
          mutationId: crypto.randomUUID(),
          collection: name,
          id: String(row[keyPath]),
          op: 'upsert' as const,
          fields: JSON.parse(JSON.stringify(row)),
          baseVersion: 0,
          createdAt: now,
        })),
      );
      queued += rows.length;
    }
    return queued;
  });
}
