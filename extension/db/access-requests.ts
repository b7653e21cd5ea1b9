import { blocksNewRequest, settleAcceptance } from '../../shared/access-methods';
import { reconcilePresence, withEvent } from '../../shared/presence';
import { countsTowardQuota, DEFAULT_QUOTA_TIME_ZONE, planBatch, quotaDay, quotaState, requestClaimKey } from '../../shared/quota';
import type { ShopAccessRequest } from '../../shared/schemas';
import { shopAccessRequestId } from '../../shared/schemas';
import { assignedTo, requestedFrom } from '../../shared/shop-assignment';
import { extractShopCodes, type RejectedCandidate } from '../../shared/shop-code';
import { isExpectedTransition } from '../../shared/statuses';
import type { BatchPlan, BcOverview, Candidate, ListedShop, RequestOutcome } from '../protocol-types';
import type { CompanionDb } from './database';

/** The only method the extension drives; "Add My TikTok Shop" requests are read from the list, not sent. */
const METHOD = 'request_access' as const;

const clip = (s: string) => s.slice(0, 500);

async function timeZoneOf(db: CompanionDb, orgId: string): Promise<{ timeZone: string; limitReachedDay?: string }> {
  const bc = await db.businessCenters.get(orgId);
  return { timeZone: bc?.quotaTimeZone ?? 'UTC', limitReachedDay: bc?.limitReachedDay };
}

/** Today's use of one Business Center's 20 requests: every request sent from it today, by anyone here. */
export async function quotaFor(db: CompanionDb, orgId: string, now: number): Promise<BcOverview['quota']> {
  const { timeZone, limitReachedDay } = await timeZoneOf(db, orgId);
  const requests = await db.accessRequests.where('businessCenterId').equals(orgId).toArray();
  const sent = requests.filter(countsTowardQuota).map((r) => r.requestedAt);
  const state = quotaState(sent, now, timeZone);
  const limitReached = limitReachedDay === state.day;
  return { ...state, remaining: limitReached ? 0 : state.remaining, timeZone, limitReached };
}

export async function bcOverview(db: CompanionDb, orgId: string, now: number = Date.now()): Promise<BcOverview> {
  const [requests, shops, pasted, quota, bc] = await Promise.all([
    db.accessRequests.where('businessCenterId').equals(orgId).toArray(),
    db.shops.toArray(),
    db.intakeCodes.orderBy('addedAt').toArray(),
    quotaFor(db, orgId, now),
    db.businessCenters.get(orgId),
  ]);
  const byCode = new Map<string, ShopAccessRequest[]>();
  for (const r of requests) byCode.set(r.shopCode, [...(byCode.get(r.shopCode) ?? []), r]);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const offer = (candidate: Candidate) => {
    if (seen.has(candidate.code)) return;
    seen.add(candidate.code);
    if (!blocksNewRequest(byCode.get(candidate.code) ?? [], METHOD)) candidates.push(candidate);
  };
  const here = shops.filter((shop) => requestedFrom(shop, orgId));
  for (const shop of here) offer({ code: shop.shopCode, name: shop.name, source: 'captured' });
  for (const p of pasted) if (assignedTo(p.orgIds, orgId)) offer({ code: p.code, source: 'pasted' });
  return {
    orgId,
    name: bc?.name,
    elsewhere: shops.length - here.length,
    quota,
    candidates,
    requests: requests.sort((a, b) => (b.requestedAt ?? b.firstSeenAt ?? 0) - (a.requestedAt ?? a.firstSeenAt ?? 0)),
  };
}

/**
 * Splits what the user asked for into what may be sent now and what waits for the next quota day
 * (recorded as queued, so it is offered again tomorrow), skipping duplicates with the reason.
 */
export async function planRequests(
  db: CompanionDb,
  orgId: string,
  codes: readonly string[],
  now: number = Date.now(),
): Promise<BatchPlan> {
  return db.transaction('rw', db.accessRequests, db.businessCenters, async () => {
    const skipped: BatchPlan['skipped'] = [];
    const wanted: string[] = [];
    for (const code of new Set(codes)) {
      const existing = await db.accessRequests
        .where('shopCode')
        .equals(code)
        .and((r) => r.businessCenterId === orgId)
        .toArray();
      const queuedOnly = existing.every((r) => r.status === 'queued');
      if (blocksNewRequest(existing, METHOD) && !queuedOnly) {
        skipped.push({
          code,
          reason: existing.some((r) => r.status === 'approved')
            ? 'access already granted'
            : 'already requested, waiting for the seller',
        });
      } else wanted.push(code);
    }
    const quota = await quotaFor(db, orgId, now);
    const plan = planBatch(wanted, quota);
    await deferToNextDay(db, orgId, plan.queued, now);
    return { sendNow: plan.sendNow, queued: plan.queued, skipped, day: quota.day };
  });
}

/** Records codes as queued for the Business Center's next quota day, so they are offered again then. */
export async function deferToNextDay(db: CompanionDb, orgId: string, codes: readonly string[], now: number = Date.now()) {
  if (codes.length === 0) return;
  const { timeZone } = await timeZoneOf(db, orgId);
  const tomorrow = quotaDay(now + 86_400_000, timeZone);
  const name = (await db.businessCenters.get(orgId))?.name;
  await db.accessRequests.bulkPut(
    codes.map((code) => ({ ...base(orgId, code, now, name), status: 'queued' as const, queuedFor: tomorrow })),
  );
}

function base(orgId: string, code: string, now: number, businessCenterName?: string): ShopAccessRequest {
  return {
    id: shopAccessRequestId(orgId, code, METHOD),
    businessCenterId: orgId,
    ...(businessCenterName ? { businessCenterName } : {}),
    shopCode: code,
    method: METHOD,
    status: 'queued',
    resends: [],
    updatedAt: now,
  };
}

/** Records what TikTok answered; a request is pending only once TikTok confirmed it was sent. */
export async function recordRequestOutcome(
  db: CompanionDb,
  orgId: string,
  code: string,
  outcome: RequestOutcome,
  requestedBy: string | undefined,
  now: number = Date.now(),
): Promise<ShopAccessRequest> {
  return db.transaction('rw', db.accessRequests, db.businessCenters, async () => {
    const id = shopAccessRequestId(orgId, code, METHOD);
    const existing = (await db.accessRequests.get(id)) ?? base(orgId, code, now, (await db.businessCenters.get(orgId))?.name);
    let record: ShopAccessRequest;
    if (outcome.ok) {
      record = {
        ...existing,
        status: 'pending',
        requestedAt: now,
        requestedBy,
        approvalLink: outcome.approvalLink,
        lastError: undefined,
        errorKind: undefined,
        queuedFor: undefined,
        updatedAt: now,
      };
    } else if (outcome.kind === 'already') {
      // TikTok knows this shop in this Business Center already: the list will tell pending or approved.
      record = { ...existing, status: 'pending', lastError: clip(outcome.error), errorKind: 'already', updatedAt: now };
    } else {
      record = { ...existing, status: 'failed', lastError: clip(outcome.error), errorKind: outcome.kind, updatedAt: now };
    }
    if (!outcome.ok && outcome.kind === 'limit') {
      const bc = await db.businessCenters.get(orgId);
      const timeZone = bc?.quotaTimeZone ?? DEFAULT_QUOTA_TIME_ZONE;
      await db.businessCenters.put({
        orgId,
        quotaTimeZone: timeZone,
        lastSeenAt: now,
        ...bc,
        limitReachedDay: quotaDay(now, timeZone),
      });
      record = { ...record, status: 'queued', queuedFor: quotaDay(now + 86_400_000, timeZone) };
    }
    await db.accessRequests.put(record);
    return record;
  });
}

const LISTED_AT_PRECISION_MS = 6 * 3_600_000;

/**
 * Reconciles the records with Business Center's own Shops list: approvals, and requests made
 * elsewhere. On a complete list, a shop listed before and missing now has gone: an approved one is
 * access lost (with when it was last seen), a pending one was withdrawn or rejected.
 */
export async function applyShopList(
  db: CompanionDb,
  orgId: string,
  listed: readonly ListedShop[],
  now: number = Date.now(),
  complete = false,
  bcName?: string,
): Promise<{ changed: number; lost: ShopAccessRequest[]; madeByHandToday: ShopAccessRequest[] }> {
  return db.transaction('rw', db.accessRequests, db.businessCenters, async () => {
    let changed = 0;
    const known = await db.accessRequests.where('businessCenterId').equals(orgId).toArray();
    const bc = await db.businessCenters.get(orgId);
    const timeZone = bc?.quotaTimeZone ?? DEFAULT_QUOTA_TIME_ZONE;
    const today = quotaDay(now, timeZone);
    // A whole list read earlier today without a shop that is pending now: it was requested today.
    const readEarlierToday = bc?.listReadAt !== undefined && quotaDay(bc.listReadAt, timeZone) === today;
    const madeByHandToday: ShopAccessRequest[] = [];
    const name = bcName ?? bc?.name;
    const change = reconcilePresence(
      known.filter((r) => r.method === METHOD),
      new Set(listed.map((shop) => shopAccessRequestId(orgId, shop.code, METHOD))),
      complete,
    );
    const back = new Set(change.back);
    for (const shop of listed) {
      const id = shopAccessRequestId(orgId, shop.code, METHOD);
      const existing = await db.accessRequests.get(id);
      // In the Shops list, a shop without the Pending approval tag has access.
      const status = shop.pending ? 'pending' : 'approved';
      // "Last seen" to within hours is what a loss needs; writing it on every visit would sync every shop each time.
      const stale = existing?.listedAt === undefined || now - existing.listedAt > LISTED_AT_PRECISION_MS;
      let next: ShopAccessRequest = existing ?? handMade(orgId, shop, now, name, complete && readEarlierToday);
      let dirty = stale;
      // A hand-made request first read without its date (a narrow window, a list still loading) gets it later.
      // Access lost, then Pending: the agency asked again (by hand), a new request, no jump.
      const askedAgain = existing?.status === 'approved' && shop.pending && existing.lostAt !== undefined;
      const undated = !askedAgain && existing?.byHand && existing.requestedAt === undefined && shop.pending && shop.requestedAt;
      if (undated) {
        next = datedByHand(next, shop.requestedAt as number, now, 'date shown in the list');
        dirty = true;
      }
      if ((!existing || undated) && next.requestedAt !== undefined && quotaDay(next.requestedAt, timeZone) === today)
        madeByHandToday.push(next);
      if (stale) next = { ...next, listedAt: now };
      if (name && next.businessCenterName !== name) {
        next = { ...next, businessCenterName: name };
        dirty = true;
      }
      if (back.has(id)) {
        next = withEvent({ ...next, lostAt: undefined }, { at: now, event: 'listed_again' });
        delete next.lostAt;
        dirty = true;
      }
      // A step the seeds do not describe is flagged in the history, once. Pending again after
      // approval keeps the approval (the seller approved; the tag is the page's lag).
      const keepsApproval = existing?.status === 'approved' && shop.pending && !askedAgain;
      const jump = existing?.status !== undefined && !askedAgain && !isExpectedTransition('shopAccess', existing.status, status);
      if (jump && existing.history?.at(-1)?.event !== 'unexpected_status') {
        const kept = keepsApproval ? `, kept ${existing.status}` : '';
        next = withEvent(next, { at: now, event: 'unexpected_status', detail: `${existing.status} -> ${status}${kept}` });
        dirty = true;
      }
      if (askedAgain) {
        next = { ...next, byHand: true };
        delete next.requestedAt;
        const again = handRequestedAt(shop, now, complete && readEarlierToday);
        if (again !== undefined) {
          next = datedByHand(next, again, now, ASKED_AGAIN);
          if (quotaDay(again, timeZone) === today) madeByHandToday.push(next);
        }
      }
      if (!keepsApproval && existing?.status !== status) {
        next = withEvent({ ...next, status, updatedAt: now }, { at: now, event: status });
        changed++;
        dirty = true;
        // Seed 004: of the two ways to grant access, whichever is accepted first wins; the other expires.
        if (status === 'approved' && existing?.status === 'pending') {
          for (const [otherId, otherStatus] of settleAcceptance(known, id)) {
            const other = known.find((r) => r.id === otherId);
            if (otherId === id || !other) continue;
            await db.accessRequests.put(
              withEvent({ ...other, status: otherStatus, updatedAt: now }, { at: now, event: otherStatus }),
            );
            changed++;
          }
        }
      }
      if (dirty) await db.accessRequests.put(next);
    }
    const lost: ShopAccessRequest[] = [];
    for (const id of change.gone) {
      const before = known.find((r) => r.id === id);
      if (!before) continue;
      const event = before.status === 'approved' ? 'access_lost' : 'withdrawn';
      const next = withEvent(
        { ...before, lostAt: now, updatedAt: now },
        {
          at: now,
          event,
          detail: `last seen ${new Date(before.listedAt ?? now).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        },
      );
      await db.accessRequests.put(next);
      lost.push(next);
      changed++;
    }
    if (complete || name) {
      await db.businessCenters.put({
        orgId,
        quotaTimeZone: timeZone,
        ...bc,
        lastSeenAt: now,
        ...(name ? { name } : {}),
        // An empty read proves less than a list with rows: it never dates the next hand-made requests.
        ...(complete && listed.length > 0 ? { listReadAt: now } : {}),
      });
    }
    return { changed, lost, madeByHandToday };
  });
}

/**
 * A shop in the Shops list that this browser never asked for: asked for by hand in Business
 * Center, or added by the seller. Its day is known when the list shows it, or when a whole list
 * read earlier the same quota day did not hold it yet; only a pending one used the Business
 * Center's quota (a shop the seller added asks nothing of it).
 */
function handMade(orgId: string, shop: ListedShop, now: number, name: string | undefined, newToday: boolean): ShopAccessRequest {
  const requestedAt = shop.pending ? handRequestedAt(shop, now, newToday) : undefined;
  const record: ShopAccessRequest = { ...base(orgId, shop.code, now, name), byHand: true, firstSeenAt: now };
  if (requestedAt === undefined) return record;
  const how = shop.requestedAt === undefined ? 'not in the list read earlier today' : 'date shown in the list';
  return datedByHand(record, requestedAt, now, how);
}

/** A pending shop's day: the list's Request time, else now when a whole list read earlier today lacked it. */
function handRequestedAt(shop: ListedShop, now: number, newToday: boolean): number | undefined {
  return shop.requestedAt ?? (newToday ? now : undefined);
}

const ASKED_AGAIN = 'asked again after access was lost';
/** History events after which a new request for the shop is a request of its own. */
const LOSSES = new Set(['access_lost', 'withdrawn']);

/** The key a request for this shop is claimed under (see requestClaimKey): from the history every browser shares. */
export function claimKeyOf(record: ShopAccessRequest | undefined, code: string): string {
  return requestClaimKey(code, record?.history?.filter((h) => LOSSES.has(h.event)).length ?? 0);
}

/** The claim keys of requests for these shops from one Business Center, as this browser's records give them. */
export async function claimKeys(db: CompanionDb, orgId: string, codes: readonly string[]): Promise<string[]> {
  return Promise.all(
    codes.map(async (code) => claimKeyOf(await db.accessRequests.get(shopAccessRequestId(orgId, code, METHOD)), code)),
  );
}

function datedByHand(record: ShopAccessRequest, requestedAt: number, now: number, how: string): ShopAccessRequest {
  return withEvent({ ...record, requestedAt }, { at: now, event: 'requested_by_hand', detail: how });
}

export async function recordResend(
  db: CompanionDb,
  orgId: string,
  code: string,
  via: 'email' | 'link',
  now: number = Date.now(),
) {
  const id = shopAccessRequestId(orgId, code, METHOD);
  const existing = await db.accessRequests.get(id);
  if (!existing) throw new Error(`no request for ${code} from Business Center ${orgId}`);
  await db.accessRequests.put({ ...existing, resends: [...existing.resends, { at: now, via }], updatedAt: now });
}

/** Keeps the valid codes of pasted text for the panel; returns them and every rejected candidate. */
export async function addIntake(
  db: CompanionDb,
  text: string,
  now: number = Date.now(),
  orgId?: string,
): Promise<{ added: string[]; rejected: RejectedCandidate[] }> {
  const { codes, rejected } = extractShopCodes(text);
  await db.transaction('rw', db.intakeCodes, async () => {
    const before = await db.intakeCodes.bulkGet(codes.map((c) => c.code));
    await db.intakeCodes.bulkPut(
      codes.map((c, i) => {
        const earlier = before[i];
        // Pasted in one Business Center's panel: that client is this Business Center's. Pasted in
        // a second one too: both. Pasted with no Business Center (or before this existed): everywhere.
        const orgIds =
          orgId === undefined || (earlier && !earlier.orgIds) ? undefined : [...new Set([...(earlier?.orgIds ?? []), orgId])];
        return { code: c.code, addedAt: earlier?.addedAt ?? now + i, ...(orgIds ? { orgIds } : {}) };
      }),
    );
  });
  return { added: codes.map((c) => c.code), rejected };
}

/** Forgets a pasted code in one Business Center's panel; pasted nowhere else, it is gone. */
export async function removeIntake(db: CompanionDb, code: string, orgId?: string): Promise<void> {
  await db.transaction('rw', db.intakeCodes, async () => {
    const earlier = await db.intakeCodes.get(code);
    const rest = orgId && earlier?.orgIds ? earlier.orgIds.filter((id) => id !== orgId) : [];
    if (!earlier || rest.length === 0) await db.intakeCodes.delete(code);
    else await db.intakeCodes.put({ ...earlier, orgIds: rest });
  });
}
