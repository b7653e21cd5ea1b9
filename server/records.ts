import { z } from 'zod';
import { SHARED_RECORD_SCHEMAS } from '../shared/schemas';
import type { Mutation, MutationResult } from '../shared/sync-protocol';
import { RECORD_LIMIT_BYTES } from './limits';

/**
 * Per shared collection, one object schema for the fields a mutation carries: every field may be
 * left out (a mutation carries only what it changes), null clears a field the record may lack, and
 * a name the schema does not know is let through (a newer browser may send it; the record size
 * bounds it). One parse per mutation, where a parse per field cost a push of 100 records 0.5 ms.
 */
const FIELD_CHECKS = new Map(
  Object.entries(SHARED_RECORD_SCHEMAS).map(([collection, schema]) => {
    const shape = schema.shape as Record<string, z.ZodType>;
    const fields = Object.fromEntries(
      Object.entries(shape).map(([name, field]) => [
        name,
        field.safeParse(undefined).success ? field.nullable().optional() : field.optional(),
      ]),
    );
    return [collection, z.looseObject(fields)];
  }),
);

/**
 * Why the server refuses a mutation, or null. What a browser would refuse to store, the server
 * refuses to keep. Size is the store's to check, on the record a merge makes (recordTooLarge): the
 * push's own limit bounds what is parsed here.
 */
export function mutationProblem(m: Mutation): string | null {
  const check = FIELD_CHECKS.get(m.collection);
  if (!check) return `${m.collection} are kept by each browser and not shared`;
  if (m.op === 'delete' || !m.fields) return null;
  const parsed = check.safeParse(m.fields);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `invalid_field: ${issue?.path.join('.') ?? 'fields'}: ${issue?.message ?? 'invalid'}`;
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
