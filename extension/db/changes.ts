import type { HistoryEvent } from '../../shared/presence';
import { businessCenterLabel } from '../../shared/shop-assignment';
import type { CompanionDb } from './database';

/** One thing that happened to a shop's access, from a record's history. */
export interface AccessChange extends HistoryEvent {
  kind: 'authorization' | 'business center' | 'access request';
  shopCode: string;
  /** What it happened to: the service, the Business Center, the shop requested. */
  subject: string;
}

const EVENT_TEXT: Record<string, string> = {
  no_longer_listed: 'no longer listed on My Services: stopped counting down and reminding',
  listed_again: 'listed again',
  status_changed: 'status changed',
  access_lost: 'access lost: no longer in the Shops list',
  withdrawn: 'withdrawn or rejected: gone from the Shops list while pending',
  removed: 'removed from Partner Management',
  added: 'new in Partner Management',
  permission_changed: 'permission changed',
  approved: 'approved',
  renewed: 'renewed: My Services shows a later expiry',
  pending: 'pending in the Shops list',
  unexpected_status: 'a status jump TikTok does not describe: kept as seen, worth a look at the page',
  requested_by_hand: 'requested by hand in Business Center',
  renewal_asked: 'renewal link asked of the partner',
  renewal_link_received: 'renewal link received',
};

export const describeEvent = (change: Pick<AccessChange, 'event' | 'detail'>) =>
  `${EVENT_TEXT[change.event] ?? change.event.replace(/_/g, ' ')}${change.detail ? ` (${change.detail})` : ''}`;

/** Every change recorded in the histories of authorizations, Business Centers and access requests, newest first. */
export async function accessChanges(db: CompanionDb, since = 0): Promise<AccessChange[]> {
  const [authorizations, partners, requests] = await Promise.all([
    db.authorizations.toArray(),
    db.partnerAccess.toArray(),
    db.accessRequests.toArray(),
  ]);
  const out: AccessChange[] = [];
  const add = (kind: AccessChange['kind'], shopCode: string, subject: string, history?: HistoryEvent[]) => {
    for (const e of history ?? []) if (e.at > since) out.push({ ...e, kind, shopCode, subject });
  };
  for (const a of authorizations) add('authorization', a.shopCode, `${a.serviceName} (${a.partner})`, a.history);
  for (const p of partners) add('business center', p.shopCode, p.businessCenterName, p.history);
  for (const r of requests)
    add(
      'access request',
      r.shopCode,
      `${r.shopCode} from ${businessCenterLabel(r.businessCenterId, r.businessCenterName)}`,
      r.history,
    );
  return out.sort((a, b) => b.at - a.at);
}
