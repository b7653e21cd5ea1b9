import type { Collection } from '../../shared/sync-protocol';
import type { CompanionDb } from '../db/database';
import { markFromServer, recordKey, SYNCED_TABLES } from './outbox-middleware';

/** What this browser held when it left a team: those records are that team's, not the next one's. */
export interface LeftTeam {
  serverUrl: string;
  teamId: string;
  keys: string[];
}

/** Each kind's name for one record and for several. */
const KIND_NAMES: Partial<Record<Collection, [string, string]>> = {
  shops: ['shop', 'shops'],
  authorizations: ['partner authorization', 'partner authorizations'],
  tspRequests: ['partner request', 'partner requests'],
  partnerAccess: ['Business Center access', 'Business Center accesses'],
  accessRequests: ['access request', 'access requests'],
};

export interface JoinPreview {
  /** Per kind of record: how many this browser holds, and how many of them it kept from the team it left. */
  kinds: { collection: Collection; name: string; one: string; all: number; fromLeftTeam: number }[];
  leftTeam: { serverUrl: string } | null;
}

async function keysOf(db: CompanionDb, collection: Collection): Promise<string[]> {
  return ((await db.table(collection).toCollection().primaryKeys()) as string[]).map((k) => recordKey(collection, String(k)));
}

export async function readLeftTeam(db: CompanionDb): Promise<LeftTeam | null> {
  return ((await db.syncState.get('leftTeam'))?.value as LeftTeam | undefined) ?? null;
}

/** On leaving: every record held now was shared with that team, and stays its own. */
export async function rememberLeftTeam(db: CompanionDb, team: { serverUrl: string; teamId: string }): Promise<void> {
  const keys = (await Promise.all(SYNCED_TABLES.map((c) => keysOf(db, c)))).flat();
  const left: LeftTeam = { serverUrl: team.serverUrl, teamId: team.teamId, keys };
  await db.syncState.put({ key: 'leftTeam', value: { ...left } });
}

/** What joining would send, per kind, before the person presses Join. */
export async function joinPreview(db: CompanionDb): Promise<JoinPreview> {
  const left = await readLeftTeam(db);
  const previous = new Set(left?.keys ?? []);
  const kinds = await Promise.all(
    SYNCED_TABLES.map(async (collection) => {
      const keys = await keysOf(db, collection);
      return {
        collection,
        name: KIND_NAMES[collection]?.[1] ?? collection,
        one: KIND_NAMES[collection]?.[0] ?? collection,
        all: keys.length,
        fromLeftTeam: keys.filter((k) => previous.has(k)).length,
      };
    }),
  );
  return { kinds, leftTeam: left ? { serverUrl: left.serverUrl } : null };
}

/**
 * The record keys a join must not upload: those kept from another team, unless the person said to
 * share them. Rejoining the same team shares them: they are its records.
 */
export async function keysToHold(
  db: CompanionDb,
  joining: { serverUrl: string; teamId: string },
  sharePrevious: boolean,
): Promise<Set<string>> {
  const left = await readLeftTeam(db);
  const same = left && left.serverUrl === joining.serverUrl && left.teamId === joining.teamId;
  return sharePrevious || !left || same ? new Set() : new Set(left.keys);
}

/**
 * Records kept from a team this browser left that the team it is in now does not have: not
 * shared when it joined, not pulled from it since, not changed here since (a change is sent).
 */
async function heldKeys(db: CompanionDb, current: { serverUrl: string; teamId: string }): Promise<string[]> {
  const left = await readLeftTeam(db);
  if (!left || (left.serverUrl === current.serverUrl && left.teamId === current.teamId)) return [];
  const [queued, versioned] = await Promise.all([
    db.outbox.toArray(),
    db.syncVersions.toCollection().primaryKeys() as Promise<unknown[]>,
  ]);
  const shared = new Set([...queued.map((e) => e.key), ...versioned.map(String)]);
  const present = new Set((await Promise.all(SYNCED_TABLES.map((c) => keysOf(db, c)))).flat());
  return left.keys.filter((key) => present.has(key) && !shared.has(key));
}

export interface HeldRecords {
  count: number;
  /** The host of the server of the team they were kept from. */
  fromHost: string;
}

/** What the dashboard says of the records kept from a team left, while in another. */
export async function heldRecords(
  db: CompanionDb,
  current: { serverUrl: string; teamId: string } | null,
): Promise<HeldRecords | null> {
  if (!current) return null;
  const keys = await heldKeys(db, current);
  const left = await readLeftTeam(db);
  return keys.length > 0 && left ? { count: keys.length, fromHost: new URL(left.serverUrl).host } : null;
}

/**
 * Removes the records kept from a team left from this browser only: the team it is in now never
 * had them, so nothing is sent (the deletes are not queued). Returns how many went.
 */
export async function forgetHeldRecords(db: CompanionDb, current: { serverUrl: string; teamId: string }): Promise<number> {
  return db.transaction('rw', [...SYNCED_TABLES, 'outbox', 'syncVersions', 'syncState'], async (tx) => {
    markFromServer(tx.idbtrans);
    const keys = await heldKeys(db, current);
    const byTable = new Map<string, string[]>();
    for (const key of keys) {
      const [collection, id] = key.split('\u0000') as [string, string];
      byTable.set(collection, [...(byTable.get(collection) ?? []), id]);
    }
    for (const [collection, ids] of byTable) await db.table(collection).bulkDelete(ids);
    await db.syncState.delete('leftTeam');
    return keys.length;
  });
}

/** A page pulled from the team this browser is in: those records are its, not the left team's any more. */
export async function releaseFromLeftTeam(db: CompanionDb, keys: readonly string[]): Promise<void> {
  const left = await readLeftTeam(db);
  if (!left || keys.length === 0) return;
  const pulled = new Set(keys);
  const kept = left.keys.filter((key) => !pulled.has(key));
  if (kept.length !== left.keys.length) await db.syncState.put({ key: 'leftTeam', value: { ...left, keys: kept } });
}
