import type { Collection, Mutation, MutationResult } from '../../shared/sync-protocol';
import type { OutboxEntry } from '../db/database';

/** An outbox entry as the server takes it. */
export function toMutation(entry: OutboxEntry): Mutation {
  return {
    mutationId: entry.mutationId,
    collection: entry.collection as Collection,
    id: entry.id,
    baseVersion: entry.baseVersion,
    op: entry.op,
    ...(entry.fields ? { fields: entry.fields } : {}),
    ...(entry.unset?.length ? { unset: entry.unset } : {}),
    ...(entry.fieldBases && Object.keys(entry.fieldBases).length > 0 ? { fieldBases: entry.fieldBases } : {}),
  };
}

/** The fields an answered entry changed on the server: all it named, less those a teammate's edit kept. */
export function appliedFields(entry: OutboxEntry, result: MutationResult): string[] {
  if (entry.op !== 'upsert' || result.status === 'rejected') return [];
  const lost = new Set(result.status === 'conflict' ? result.fields : []);
  return [...Object.keys(entry.fields ?? {}), ...(entry.unset ?? [])].filter((name) => !lost.has(name));
}

/**
 * A later entry of the same record, rebased on the answer to an earlier one (the approach chosen
 * for a browser's own sequential edits; see README, "Team sync"): each field the earlier entry
 * changed is now based on the version the server gave it, so the later edit of the same field is
 * not judged a teammate's conflict. Fields the earlier entry did not change keep their base, so a
 * teammate's change this browser never saw still stands against it. Only an answer that applied
 * on exactly what this browser had seen ('applied') moves the whole record's base.
 */
export function rebase(later: OutboxEntry, earlier: OutboxEntry, result: MutationResult): OutboxEntry {
  if (result.status === 'rejected') return later;
  const fieldBases = { ...later.fieldBases };
  for (const name of appliedFields(earlier, result)) {
    if (result.version > (fieldBases[name] ?? later.baseVersion)) fieldBases[name] = result.version;
  }
  const baseVersion = result.status === 'applied' ? Math.max(later.baseVersion, result.version) : later.baseVersion;
  for (const [name, base] of Object.entries(fieldBases)) if (base <= baseVersion) delete fieldBases[name];
  const { fieldBases: _old, ...rest } = later;
  return { ...rest, baseVersion, ...(Object.keys(fieldBases).length > 0 ? { fieldBases } : {}) };
}

/**
 * What this browser shows of a record: the server's copy with the changes still waiting laid over
 * it in order, so a pull never hides a local edit and a local edit never hides the team's others.
 */
export function overlay(
  server: { deleted: boolean; fields: Record<string, unknown> },
  pending: readonly OutboxEntry[],
): { deleted: boolean; fields: Record<string, unknown> } {
  let deleted = server.deleted;
  let fields = server.deleted ? {} : { ...server.fields };
  for (const entry of pending) {
    if (entry.op === 'delete') {
      deleted = true;
      fields = {};
      continue;
    }
    // An edit of a record this browser had (baseVersion > 0) carries only what it changed: it
    // cannot stand alone for a record the team deleted; the server will say so.
    if (deleted && entry.baseVersion > 0) continue;
    deleted = false;
    fields = { ...fields, ...entry.fields };
    for (const name of entry.unset ?? []) delete fields[name];
  }
  return { deleted, fields };
}
