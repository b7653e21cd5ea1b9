/** A record as a pull reads it: its fields still as the JSON text the store keeps. */
export interface PullRow {
  collection: string;
  id: string;
  version: number;
  deleted: boolean;
  fieldsJson: string;
}

/**
 * Writes a pull page's JSON without parsing the stored fields and stringifying them again: a
 * 5,000-record page then costs the server one string, not 5,000 objects (this is what keeps the
 * server under its memory budget while many members pull at once). `rows` holds up to limit + 1
 * rows; the extra one only says whether more remain.
 */
export function pullPageJson(
  rows: PullRow[],
  limit: number,
  since: number,
  mustRefetch: boolean,
  // A page cut short by its byte cap has more after it however few rows it holds.
  more = rows.length > limit,
  purgedThrough = 0,
): string {
  const page = rows.slice(0, limit);
  const changes = page.map(
    (r) =>
      `{"collection":${JSON.stringify(r.collection)},"id":${JSON.stringify(r.id)},"version":${r.version},"deleted":${r.deleted},"fields":${r.fieldsJson}}`,
  );
  const next = page.at(-1)?.version ?? (mustRefetch ? 0 : since);
  return `{"changes":[${changes.join(',')}],"next":${next},"more":${more},"mustRefetch":${mustRefetch},"purgedThrough":${purgedThrough}}`;
}
