import type { Collection } from '../../shared/sync-protocol';
import type { CompanionDb } from '../db/database';
import { recordKey, SYNCED_TABLES } from './outbox-middleware';

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
