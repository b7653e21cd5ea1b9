import type { z } from 'zod';
import { SHARED_RECORD_SCHEMAS } from '../shared/schemas';
import type { Mutation, MutationResult } from '../shared/sync-protocol';
import { RECORD_LIMIT_BYTES } from './limits';

const SCHEMAS: Partial<Record<string, z.ZodObject>> = SHARED_RECORD_SCHEMAS;

/** Bytes of a record's fields as stored (the stores keep this JSON text). */
export function fieldsBytes(fields: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(fields));
}

/**
 * Why the server refuses a mutation, or null. Fields are checked one by one against the shared
 * schema, since a mutation carries only the fields it changes: a field the schema does not know is
 * let through (a newer browser may send it; the record size bounds it), and null clears an
 * optional field. What a browser would refuse to store, the server refuses to keep.
 */
export function mutationProblem(m: Mutation): string | null {
  const schema = SCHEMAS[m.collection];
  if (!schema) return `${m.collection} are kept by each browser and not shared`;
  if (m.op === 'delete' || !m.fields) return null;
  const bytes = fieldsBytes(m.fields);
  if (bytes > RECORD_LIMIT_BYTES) return `record_too_large: ${bytes} bytes of fields; a record may hold ${RECORD_LIMIT_BYTES}`;
  for (const [name, value] of Object.entries(m.fields)) {
    const field = schema.shape[name] as z.ZodType | undefined;
    if (!field) continue;
    if (value === null && field.safeParse(undefined).success) continue;
    const parsed = field.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = [name, ...(issue?.path ?? [])].join('.');
      return `invalid_field: ${where}: ${issue?.message ?? 'invalid'}`;
    }
  }
  return null;
}

/** A merge whose record came out over RECORD_LIMIT_BYTES: nothing is written, the mutation is refused. */
export function recordTooLarge(mutationId: string, bytes: number): { write: null; result: MutationResult } {
  return {
    write: null,
    result: {
      mutationId,
      status: 'rejected',
      reason: `record_too_large: the record would hold ${bytes} bytes of fields; a record may hold ${RECORD_LIMIT_BYTES}`,
    },
  };
}
