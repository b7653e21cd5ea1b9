import type { StoredRecord } from './merge';

/**
 * Field versions as a store keeps them: only those that differ from the record's own version (a
 * field changed in an earlier write, or one cleared). Records are mostly written whole, so most
 * maps are empty: a third less to send to the database and to flush per push.
 */
export function keptFieldVersions({ fields, version, fieldVersions }: StoredRecord): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const [name, at] of Object.entries(fieldVersions)) if (at !== version || !Object.hasOwn(fields, name)) kept[name] = at;
  return kept;
}

/** The whole map again: a field with no kept version changed with the record's last write. */
export function allFieldVersions(
  fields: Record<string, unknown>,
  version: number,
  kept: Record<string, number>,
): Record<string, number> {
  const all: Record<string, number> = {};
  for (const name of Object.keys(fields)) all[name] = version;
  return Object.assign(all, kept);
}
