import { type ShopCapture, ShopCaptureSchema } from '../../shared/schemas';
import type { CompanionDb } from '../db/database';
import type { RecordTeamState, ShopTeamState } from '../protocol-types';
import { listOverruled } from '../sync/sync-state';

/** A page waits at most this long per question; it asks again while the answer is "waiting". */
export const LONGEST_WAIT_MS = 25_000;

/**
 * Once the capture's change has reached the team, the stored shop tells whether it stood: a name
 * other than the page's means a teammate's earlier edit kept theirs (the overruled list says who).
 */
export async function shopTeamState(
  db: CompanionDb,
  recordTeamState: (collection: string, id: string, waitMs: number) => Promise<RecordTeamState>,
  input: { capture: ShopCapture; waitMs: number },
): Promise<ShopTeamState> {
  const capture = ShopCaptureSchema.parse(input.capture);
  const waitMs = Math.min(Math.max(0, input.waitMs), LONGEST_WAIT_MS);
  const state = await recordTeamState('shops', capture.shopCode, waitMs);
  if (state.kind !== 'shared' || capture.name === undefined) return state;
  const kept = await db.shops.get(capture.shopCode);
  if (!kept || kept.name === capture.name) return state;
  const lost = (await listOverruled(db)).find(
    (o) => o.collection === 'shops' && o.id === capture.shopCode && o.fields.includes('name'),
  );
  return { kind: 'overruled', name: kept.name, by: lost?.by };
}
