import type { MutationResult } from '../../shared/sync-protocol';

/**
 * An answer as the mutation log keeps it: without its mutation id, which is the row's key already
 * (a third of an applied answer's bytes, written for every mutation).
 */
export function keptAnswer(result: MutationResult): string {
  const { mutationId: _key, ...rest } = result;
  return JSON.stringify(rest);
}

/** The answer sent again for a replayed mutation; rows an earlier release wrote still hold the id. */
export function replayedAnswer(mutationId: string, kept: string | Omit<MutationResult, 'mutationId'>): MutationResult {
  const rest = typeof kept === 'string' ? (JSON.parse(kept) as Omit<MutationResult, 'mutationId'>) : kept;
  return { ...rest, mutationId } as MutationResult;
}
