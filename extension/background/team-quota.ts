import { DAILY_REQUEST_QUOTA } from '../../shared/quota';
import { claimKeys, deferToNextDay } from '../db/access-requests';
import type { CompanionDb } from '../db/database';
import type { BatchPlan } from '../protocol-types';
import type { TeamCall } from '../sync/team-server';

/**
 * In a team, a batch first claims its requests from the server, which hands out each Business
 * Center's 20 a day to the whole team: two members sending at once cannot both take the last
 * slots. What the team has already claimed waits for the next day. When the server cannot be
 * reached, this browser's own count (which includes every request synced from the team) decides.
 */
export async function claimForPlan(db: CompanionDb, team: TeamCall | null, orgId: string, plan: BatchPlan): Promise<BatchPlan> {
  if (!team || plan.sendNow.length === 0) return plan;
  let granted: number;
  let claimed: number;
  // Keyed as a teammate who sees these requests in the Shops list before they sync will key them.
  const keys = await claimKeys(db, orgId, plan.sendNow);
  try {
    ({ granted, claimed } = await team((server) =>
      // With the codes, so a teammate who sees these requests in the Shops list before they sync does not count them again.
      server.v1.quota.claim.$post({
        json: { businessCenterId: orgId, day: plan.day, count: plan.sendNow.length, shopCodes: keys, madeByHand: false },
      }),
    ));
  } catch {
    return { ...plan, teamNote: "Could not check the team's shared count (server unreachable); counted from this browser." };
  }
  if (granted >= plan.sendNow.length) return plan;
  const held = plan.sendNow.slice(granted);
  await deferToNextDay(db, orgId, held);
  return {
    ...plan,
    sendNow: plan.sendNow.slice(0, granted),
    queued: [...plan.queued, ...held],
    teamNote: `Your team has claimed ${claimed} of today's 20 requests for this Business Center; ${held.length} wait for the next day.`,
  };
}

/** Requests TikTok refused, or a batch never tried, did not use their claims: give them back (best effort; a lost release only makes the count cautious). */
export async function releaseClaim(
  team: TeamCall | null,
  orgId: string,
  day: string,
  count = 1,
  shopCodes?: string[],
): Promise<void> {
  if (!team) return;
  await team((server) => server.v1.quota.release.$post({ json: { businessCenterId: orgId, day, count, shopCodes } })).catch(
    () => {},
  );
}

/**
 * Requests made by hand in Business Center today used the same 20 as the extension's: claim them,
 * so no member's next batch counts on slots already gone. Claimed by shop code, so two members'
 * browsers that both saw one request before syncing count it once. Best effort: unreachable, this
 * browser's own count (which holds them) still decides here.
 */
export async function claimMadeByHand(team: TeamCall | null, orgId: string, day: string, shopCodes: string[]): Promise<void> {
  const codes = [...new Set(shopCodes)].slice(0, DAILY_REQUEST_QUOTA);
  if (!team || codes.length === 0) return;
  await team((server) =>
    server.v1.quota.claim.$post({
      json: { businessCenterId: orgId, day, count: codes.length, shopCodes: codes, madeByHand: true },
    }),
  ).catch(() => {});
}
