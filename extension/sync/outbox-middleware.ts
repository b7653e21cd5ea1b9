import type {
  DBCore,
  DBCoreAddRequest,
  DBCoreDeleteRequest,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCorePutRequest,
  DBCoreTable,
  Dexie,
} from 'dexie';
import type { Collection } from '../../shared/sync-protocol';
import type { OutboxEntry } from '../db/database';

/**
 * The tables a team shares, by the server's collection names. Sent alerts stay per browser (each
 * member gets their own reminders); Business Centers and pasted codes are this browser's working set.
 */
export const SYNCED_TABLES: readonly Collection[] = ['shops', 'authorizations', 'tspRequests', 'partnerAccess', 'accessRequests'];
const SYNCED = new Set<string>(SYNCED_TABLES);
const SYNC_TABLES = ['outbox', 'syncVersions'];

const FROM_SERVER = Symbol('sac.fromServer');

export const recordKey = (collection: string, id: string) => `${collection}\u0000${id}`;

/** Marks a transaction as applying the server's records, so they are not sent back as local changes. */
export function markFromServer(idbtrans: unknown): void {
  (idbtrans as Record<symbol, boolean>)[FROM_SERVER] = true;
}

/** Lets the background push soon after a local change commits. */
let onLocalChange: () => void = () => {};
export function whenLocalChange(listener: () => void): void {
  onLocalChange = listener;
}

/**
 * Every write to a shared table also writes an outbox entry, in the same IndexedDB transaction:
 * either both land or neither does, so no change is ever made without being queued for the team
 * (nor queued without being made). The transaction scope is widened here, below Dexie's API, so
 * the code that records shops and requests does not need to know that sync exists.
 */
export function recordLocalChanges(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'sync-outbox',
    create(down: DBCore): DBCore {
      return {
        ...down,
        transaction(stores, mode, options) {
          const widened =
            mode === 'readwrite' && stores.some((s) => SYNCED.has(s)) ? [...new Set([...stores, ...SYNC_TABLES])] : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!SYNCED.has(name)) return table;
          return { ...table, mutate: (req) => mutateAndQueue(down, table, name as Collection, req) };
        },
      };
    },
  });
}

/*
 * Written with .then, not async/await: Dexie's middlewares below this one read the running
 * transaction from Dexie's zone, which its own promises carry through .then and native await drops.
 */
function mutateAndQueue(
  down: DBCore,
  table: DBCoreTable,
  collection: Collection,
  req: DBCoreMutateRequest,
): Promise<DBCoreMutateResponse> {
  if ((req.trans as unknown as Record<symbol, boolean>)[FROM_SERVER]) return table.mutate(req);
  if (req.type === 'deleteRange') {
    // A range delete (table.clear()) must name its records to be sent: delete them by key instead.
    return table
      .query({ trans: req.trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })
      .then(({ result }) => mutateAndQueue(down, table, collection, { type: 'delete', trans: req.trans, keys: result }));
  }
  const changes = describe(table, req);
  return table.mutate(req).then((result) => {
    const landed = changes.filter((_, i) => !result.failures[i]);
    if (landed.length === 0) return result;
    const keys = landed.map((c) => recordKey(collection, c.id));
    return down
      .table('syncVersions')
      .getMany({ trans: req.trans, keys })
      .then((versions) => {
        const now = Date.now();
        const entries: OutboxEntry[] = landed.map((change, i) => ({
          key: keys[i] as string,
          mutationId: crypto.randomUUID(),
          collection,
          id: change.id,
          op: change.op,
          ...(change.op === 'upsert' ? { fields: change.fields } : {}),
          baseVersion: (versions[i] as { version: number } | undefined)?.version ?? 0,
          createdAt: now,
        }));
        return down.table('outbox').mutate({ type: 'add', trans: req.trans, values: entries });
      })
      .then(() => {
        queueMicrotask(onLocalChange);
        return result;
      });
  });
}

interface Change {
  id: string;
  op: 'upsert' | 'delete';
  fields?: Record<string, unknown>;
}

/** Which records a write changes, and to what. */
function describe(table: DBCoreTable, req: DBCoreAddRequest | DBCorePutRequest | DBCoreDeleteRequest): Change[] {
  const keyOf = table.schema.primaryKey.extractKey;
  if (req.type === 'delete') return req.keys.map((key) => ({ id: String(key), op: 'delete' as const }));
  return req.values.map((value, i) => ({
    id: String(req.keys?.[i] ?? keyOf?.(value)),
    op: 'upsert' as const,
    fields: plainFields(value),
  }));
}

/** A record as JSON carries it (the server's copy is JSON): undefined fields dropped. */
function plainFields(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
