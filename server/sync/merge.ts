import { isDeepStrictEqual } from 'node:util';
import type { Mutation, MutationResult, SyncRecord } from '../../shared/sync-protocol';

/** A record as the server keeps it: with the version at which each field last changed. */
export interface StoredRecord extends SyncRecord {
  fieldVersions: Record<string, number>;
}

export interface MergeOutcome {
  /** The record to write, or null when nothing changes. */
  write: StoredRecord | null;
  result: MutationResult;
}

export function publicRecord(record: StoredRecord): SyncRecord {
  const { fieldVersions: _versions, ...rest } = record;
  return rest;
}

/**
 * Applies one mutation at `seq`, field by field (set or cleared). A field another member changed
 * after the client's base version for it keeps the server's value and is reported as a conflict with
 * the server's record; every other field is applied. A delete becomes a tombstone unless the record changed since.
 */
export function mergeMutation(existing: StoredRecord | null, m: Mutation, seq: number): MergeOutcome {
  const { mutationId } = m;
  if (m.op === 'delete') {
    if (!existing || existing.deleted)
      return { write: null, result: { mutationId, status: 'applied', version: existing?.version ?? 0 } };
    if (existing.version > m.baseVersion) {
      return {
        write: null,
        result: { mutationId, status: 'conflict', version: existing.version, fields: [], record: publicRecord(existing) },
      };
    }
    return {
      write: { ...existing, deleted: true, fields: {}, fieldVersions: {}, version: seq },
      result: { mutationId, status: 'applied', version: seq },
    };
  }
  const incoming = m.fields ?? {};
  // A change to a record the client had seen carries only the fields it changed: it cannot bring
  // back a record a teammate deleted since (nor one whose delete was purged). The deleter won.
  if (m.baseVersion > 0 && (!existing || (existing.deleted && existing.version > m.baseVersion))) {
    const record = existing
      ? publicRecord(existing)
      : { collection: m.collection, id: m.id, version: 0, deleted: true, fields: {} };
    return { write: null, result: { mutationId, status: 'conflict', version: record.version, fields: [], record } };
  }
  if (!existing || existing.deleted) {
    const fieldVersions = Object.fromEntries(Object.keys(incoming).map((k) => [k, seq]));
    return {
      write: { collection: m.collection, id: m.id, version: seq, deleted: false, fields: { ...incoming }, fieldVersions },
      result: { mutationId, status: 'applied', version: seq },
    };
  }
  const fields = { ...existing.fields };
  const fieldVersions = { ...existing.fieldVersions };
  const conflicts: string[] = [];
  let changed = false;
  // A cleared field is a change like any other: it conflicts, and it is remembered (its version
  // stays), so a teammate's stale value does not bring it back.
  const changes: [string, unknown][] = [
    ...Object.entries(incoming),
    ...(m.unset ?? []).map((name): [string, unknown] => [name, undefined]),
  ];
  for (const [name, value] of changes) {
    if (isDeepStrictEqual(existing.fields[name], value)) continue;
    if ((existing.fieldVersions[name] ?? 0) > (m.fieldBases?.[name] ?? m.baseVersion)) {
      conflicts.push(name);
      continue;
    }
    if (value === undefined) delete fields[name];
    else fields[name] = value;
    fieldVersions[name] = seq;
    changed = true;
  }
  const write = changed ? { ...existing, fields, fieldVersions, version: seq } : null;
  const version = write?.version ?? existing.version;
  if (conflicts.length > 0) {
    const won = Object.fromEntries(conflicts.map((name) => [name, existing.fieldVersions[name] ?? existing.version]));
    return {
      write,
      result: {
        mutationId,
        status: 'conflict',
        version,
        fields: conflicts,
        record: publicRecord(write ?? existing),
        fieldVersions: won,
      },
    };
  }
  const stale = m.baseVersion < existing.version;
  return { write, result: { mutationId, status: stale ? 'merged' : 'applied', version } };
}
