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
import { newMutationId } from './mutation-id';

/**
 * The tables a team shares, by the server's collection names. Sent alerts stay per browser (each
 * member gets their own reminders); Business Centers and pasted codes are this browser's working set.
 */
export const SYNCED_TABLES: readonly Collection[] = ['shops', 'authorizations', 'tspRequests', 'partnerAccess', 'accessRequests'];
const SYNCED = new Set<string>(SYNCED_TABLES);
const SYNC_TABLES = ['outbox', 'syncVersions', 'syncState'];

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
  // Text no store can hold (half an emoji, NUL) is cleaned before it is kept here or sent anywhere.
  const write = req.type === 'delete' ? req : { ...req, values: req.values.map(storable) };
  const ids = idsOf(table, write);
  return table.getMany({ trans: req.trans, keys: ids }).then((before) =>
    table.mutate(write).then((result) => {
      const changes = ids
        .map((id, i) =>
          result.failures[i] ? null : change(id, before[i], write.type === 'delete' ? undefined : write.values[i]),
        )
        .filter((c): c is Change => c !== null);
      if (changes.length === 0) return result;
      return queue(down, req.trans, collection, changes).then(() => {
        queueMicrotask(onLocalChange);
        return result;
      });
    }),
  );
}

interface Change {
  id: string;
  op: 'upsert' | 'delete';
  /** Whether the record existed here before: a change to one it had not, carries every field. */
  existed: boolean;
  fields?: Record<string, unknown>;
  unset?: string[];
  /** Every field of the record after the write (upserts): what a team that never had it must get. */
  all?: Record<string, unknown>;
}

function idsOf(table: DBCoreTable, req: DBCoreAddRequest | DBCorePutRequest | DBCoreDeleteRequest): string[] {
  const keyOf = table.schema.primaryKey.extractKey;
  if (req.type === 'delete') return req.keys.map(String);
  return req.values.map((value, i) => String(req.keys?.[i] ?? keyOf?.(value)));
}

/**
 * What one write changed, field by field: the fields whose value differs and the fields it removed.
 * Only these travel, so a teammate's change to another field of the same record is never undone by
 * a value this browser merely carried along; null when nothing changed.
 */
function change(id: string, before: unknown, after: unknown): Change | null {
  if (after === undefined) return before === undefined ? null : { id, op: 'delete', existed: true };
  const next = plainFields(after);
  if (before === undefined) return { id, op: 'upsert', existed: false, fields: next };
  const prev = plainFields(before);
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(next)) {
    if (JSON.stringify(prev[name]) !== JSON.stringify(value)) fields[name] = value;
  }
  const unset = Object.keys(prev).filter((name) => !(name in next));
  if (Object.keys(fields).length === 0 && unset.length === 0) return null;
  return { id, op: 'upsert', existed: true, fields, all: next, ...(unset.length > 0 ? { unset } : {}) };
}

/**
 * Writes the outbox entries of a transaction's changes. A change to a record whose last entry was
 * never sent is folded into it (an offline afternoon of visits is one change per record, not one
 * per visit); a sent entry is never altered, since its mutation id stands for what it held.
 */
function queue(down: DBCore, trans: DBCoreMutateRequest['trans'], collection: Collection, changes: Change[]): Promise<unknown> {
  const keys = changes.map((c) => recordKey(collection, c.id));
  const outbox = down.table('outbox');
  // A change's base is the version this browser had seen: the pull checkpoint (every record here
  // reflects the server up to it), or the version of this browser's own change the server
  // answered later than that.
  const state = down.table('syncState');
  return state
    .getMany({ trans, keys: ['checkpoint', 'leftTeam'] })
    .then(([checkpoint, left]) => ({
      checkpoint: Number((checkpoint as { value?: unknown } | undefined)?.value ?? 0),
      leftKeys: new Set(((left as { value?: { keys?: string[] } } | undefined)?.value?.keys ?? []) as string[]),
    }))
    .then(({ checkpoint, leftKeys }) =>
      down
        .table('syncVersions')
        .getMany({ trans, keys })
        .then((versions) => ({ checkpoint, versions, leftKeys })),
    )
    .then(({ checkpoint, versions, leftKeys }) =>
      unsentEntries(outbox, trans, keys).then((unsent) => {
        const now = Date.now();
        const added: OutboxEntry[] = [];
        const folded = new Map<number, OutboxEntry>();
        changes.forEach((change, i) => {
          const key = keys[i] as string;
          // Kept from a team this browser left, and never sent to nor pulled from the one it is in:
          // to this team the record is new, so the change carries all of it from no base (a base
          // would make the server take it for a record deleted since, and drop the edit).
          const held = leftKeys.has(key) && versions[i] === undefined && change.op === 'upsert';
          const c: Change = held ? { id: change.id, op: 'upsert', existed: false, fields: change.all ?? change.fields } : change;
          const base = c.existed ? Math.max((versions[i] as { version: number } | undefined)?.version ?? 0, checkpoint) : 0;
          const last = unsent.get(key);
          if (last && c.op === 'upsert' && c.existed) {
            const merged = fold(last, c, base);
            folded.set(merged.seq as number, merged);
            unsent.set(key, merged);
            return;
          }
          added.push({
            key,
            mutationId: newMutationId(),
            collection,
            id: c.id,
            op: c.op,
            ...(c.fields ? { fields: c.fields } : {}),
            ...(c.unset ? { unset: c.unset } : {}),
            baseVersion: base,
            createdAt: now,
          });
        });
        const put = folded.size > 0 ? outbox.mutate({ type: 'put', trans, values: [...folded.values()] }) : Promise.resolve(null);
        return put.then(() => (added.length > 0 ? outbox.mutate({ type: 'add', trans, values: added }) : null));
      }),
    );
}

/** The last entry of each key that was never sent (nor set aside), if it is an upsert one can fold into. */
function unsentEntries(
  outbox: DBCoreTable,
  trans: DBCoreMutateRequest['trans'],
  keys: string[],
): Promise<Map<string, OutboxEntry>> {
  const found = new Map<string, OutboxEntry>();
  const index = outbox.schema.getIndexByKeyPath('key');
  return outbox.count({ trans, query: { index: outbox.schema.primaryKey, range: ANY } }).then((count) => {
    if (count === 0 || !index) return found;
    return [...new Set(keys)]
      .reduce<Promise<unknown>>(
        (chain, key) =>
          chain.then(() =>
            outbox.query({ trans, values: true, query: { index, range: only(key) } }).then(({ result }) => {
              const last = (result as OutboxEntry[]).reduce<OutboxEntry | undefined>(
                (latest, e) => (latest === undefined || (e.seq ?? 0) > (latest.seq ?? 0) ? e : latest),
                undefined,
              );
              if (last && last.op === 'upsert' && !last.sentAt && !last.rejected) found.set(key, last);
            }),
          ),
        Promise.resolve(),
      )
      .then(() => found);
  });
}

/** A later change folded into an unsent one: its fields win; a field it names takes its base. */
function fold(entry: OutboxEntry, c: Change, base: number): OutboxEntry {
  const fields = { ...entry.fields, ...c.fields };
  for (const name of c.unset ?? []) delete fields[name];
  const unset = [...new Set([...(entry.unset ?? []).filter((name) => !(name in (c.fields ?? {}))), ...(c.unset ?? [])])];
  const fieldBases = { ...entry.fieldBases };
  for (const name of [...Object.keys(c.fields ?? {}), ...(c.unset ?? [])]) {
    if (base > (fieldBases[name] ?? entry.baseVersion)) fieldBases[name] = base;
  }
  const { unset: _unset, fieldBases: _bases, ...rest } = entry;
  return {
    ...rest,
    fields,
    ...(unset.length > 0 ? { unset } : {}),
    ...(Object.keys(fieldBases).length > 0 ? { fieldBases } : {}),
  };
}

const ANY = { type: 3 as const, lower: undefined, upper: undefined, lowerOpen: false, upperOpen: false };
const only = (key: string) => ({ type: 1 as const, lower: key, upper: key, lowerOpen: false, upperOpen: false });

/** A record as JSON carries it (the server's copy is JSON): undefined fields dropped. */
function plainFields(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** The value with every string cleaned of what no store can hold; the same object when nothing needed it. */
export function storable<T>(value: T): T {
  if (typeof value === 'string') {
    const clean = value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
    return (clean.isWellFormed() ? clean : clean.toWellFormed()) as T;
  }
  if (Array.isArray(value)) {
    const items = value.map(storable);
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value).map(([k, v]) => [k, storable(v)] as const);
    return (entries.some(([k, v]) => v !== (value as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : value) as T;
  }
  return value;
}
