import type { MutationResult, SyncRecord } from '../../shared/sync-protocol';
import type { CompanionDb, OutboxEntry } from '../db/database';
import type { Overruled } from '../protocol-types';

/** Times every visit rewrites: two members racing on them is expected, not worth telling anyone. */
export const BOOKKEEPING_FIELDS = new Set(['lastSeenAt', 'updatedAt', 'listedAt']);

/**
 * Describes a conflict answer, or null when only bookkeeping times lost. `local` is the record as
 * this browser held it before the server's copy replaced it (what Keep mine puts back if deleted).
 */
export function describeOverruled(
  entry: OutboxEntry,
  result: Extract<MutationResult, { status: 'conflict' }>,
  local: Record<string, unknown> | undefined,
): Overruled | null {
  const base = { collection: entry.collection, id: entry.id };
  if (result.record.deleted) {
    if (entry.op === 'delete') return null;
    return { ...base, fields: [], mine: local ?? entry.fields ?? {}, theirs: {}, version: result.record.version, deleted: true };
  }
  if (entry.op === 'delete') {
    return { ...base, fields: [], mine: {}, theirs: result.record.fields, version: result.record.version };
  }
  const fields = result.fields.filter((f) => !BOOKKEEPING_FIELDS.has(f));
  if (fields.length === 0) return null;
  const pick = (source: Record<string, unknown>) =>
    Object.fromEntries(fields.filter((f) => f in source).map((f) => [f, source[f]]));
  const cleared = fields.filter((f) => entry.unset?.includes(f));
  const won = Math.max(0, ...fields.map((f) => result.fieldVersions?.[f] ?? 0));
  return {
    ...base,
    fields,
    mine: pick(entry.fields ?? {}),
    ...(cleared.length > 0 ? { cleared } : {}),
    theirs: pick(result.record.fields),
    version: won || result.record.version,
  };
}

/** Names who won each conflict and when, from the audit entry at the winning version. */
export async function nameWinners(
  overruled: Overruled[],
  audit: (query: {
    since: string;
    collection: string;
    limit: string;
  }) => Promise<{ entries: { version: number; recordId: string; memberName: string; at: number }[] }>,
): Promise<void> {
  for (const o of overruled) {
    if (o.version <= 0) continue;
    try {
      const { entries } = await audit({ since: String(o.version - 1), collection: o.collection, limit: '1' });
      const entry = entries[0];
      if (entry && entry.version === o.version && entry.recordId === o.id) {
        o.by = entry.memberName;
        o.at = entry.at;
      }
    } catch {
      // Who won is a courtesy: the conflict is listed without it.
    }
  }
}

/**
 * Keep mine: this browser's values go back on the record as it stands now, as a new change based on
 * the version that overruled them, so the team's merge applies them (and anyone who edits the same
 * field after seeing them wins in turn). A record a teammate deleted is put back whole.
 */
export async function keepMine(db: CompanionDb, o: Overruled): Promise<void> {
  const table = db.table(o.collection);
  await db.transaction('rw', table, async () => {
    const current = (await table.get(o.id)) as Record<string, unknown> | undefined;
    if (o.fields.length === 0 && !o.deleted) {
      if (current) await table.delete(o.id);
      return;
    }
    if (o.deleted || !current) {
      await table.put({ ...o.mine });
      return;
    }
    const next = { ...current, ...o.mine };
    for (const field of o.cleared ?? []) delete next[field];
    await table.put(next);
  });
}

export type { SyncRecord };
