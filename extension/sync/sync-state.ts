import type { CompanionDb } from '../db/database';
import type { Overruled } from '../protocol-types';
import { newMutationId } from './mutation-id';
import { recordKey, SYNCED_TABLES } from './outbox-middleware';

/**
 * What this browser keeps of its own sync in its database, beside the records: the outbox's
 * count, its client id, the changes a teammate overruled, and the snapshot a join queues.
 */

/** The records, the changes waiting on them, their versions and the checkpoint: changed together or not at all. */
export const APPLY_TABLES = [...SYNCED_TABLES, 'outbox', 'syncVersions', 'syncState'];

export const overruledKey = (o: Overruled) => `${o.collection}\u0000${o.id}\u0000${o.version}\u0000${o.fields.join()}`;
const KEPT_OVERRULED = 50;

/** This browser's overruled changes, most recent first, as kept in its database. */
export async function listOverruled(db: CompanionDb): Promise<Overruled[]> {
  return ((await db.syncState.get('overruled'))?.value as Overruled[] | undefined) ?? [];
}

export async function saveOverruled(db: CompanionDb, change: (kept: Overruled[]) => Overruled[]): Promise<void> {
  await db.transaction('rw', db.syncState, async () => {
    await db.syncState.put({ key: 'overruled', value: change(await listOverruled(db)).slice(0, KEPT_OVERRULED) });
  });
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
 * team receives it (records share natural keys, so two members' copies of a shop merge); records
 * in `hold` (another team's, see team-records.ts) stay in this browser only.
 */
export async function queueSnapshot(db: CompanionDb, hold: ReadonlySet<string> = new Set()): Promise<number> {
  return db.transaction('rw', APPLY_TABLES, async () => {
    await db.outbox.clear();
    await db.syncVersions.clear();
    await db.syncState.bulkDelete(['checkpoint', 'purgedThrough']);
    let queued = 0;
    const now = Date.now();
    for (const name of SYNCED_TABLES) {
      const table = db.table(name);
      const keyPath = table.schema.primKey.keyPath as string;
      const rows = ((await table.toArray()) as Record<string, unknown>[]).filter(
        (row) => !hold.has(recordKey(name, String(row[keyPath]))),
      );
      await db.outbox.bulkAdd(
        rows.map((row) => ({
          key: recordKey(name, String(row[keyPath])),
          mutationId: newMutationId(),
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
