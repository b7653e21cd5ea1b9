export interface PurgeReport {
  /** Tombstones dropped. */
  tombstones: number;
  /** Teams whose purged_through moved. */
  teams: number;
  /** Idempotency answers dropped: a replay older than this is merged again, which the field merge makes safe. */
  answers: number;
}

/**
 * The highest purged tombstone version per team. A client that pulled through that version saw
 * every purged delete; one whose checkpoint is below it may have missed one and must refetch.
 */
export function purgedThroughByTeam(purged: { teamId: string; version: number }[]): Map<string, number> {
  const through = new Map<string, number>();
  for (const { teamId, version } of purged) through.set(teamId, Math.max(through.get(teamId) ?? 0, version));
  return through;
}

export const DAY_MS = 86_400_000;
