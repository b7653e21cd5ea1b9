import Dexie, { type EntityTable } from 'dexie';
import type { BusinessCenter, PartnerAccess, Shop, ShopAccessRequest, TspAuthorization, TspRequest } from '../../shared/schemas';
import type { Collection } from '../../shared/sync-protocol';
import { recordLocalChanges } from '../sync/outbox-middleware';

/** One alert sent for one authorization, expiry date and threshold; kept so it is never sent twice. */
export interface SentAlert {
  id: string;
  authorizationId: string;
  threshold: number;
  sentAt: number;
}

/** A shop code the user pasted (an e-mail, a CSV) rather than captured on Seller Center. */
export interface IntakeCode {
  code: string;
  addedAt: number;
  /** The Business Centers whose panel it was pasted in; it is offered only there. Absent (older pastes): everywhere. */
  orgIds?: string[];
}

/** A local change waiting to reach the team's server, written in the same transaction as the change. */
export interface OutboxEntry {
  seq?: number;
  /** collection + NUL + id: finds a record's pending changes. */
  key: string;
  mutationId: string;
  collection: Collection;
  id: string;
  op: 'upsert' | 'delete';
  /** Only the fields the change set; `unset` those it cleared. */
  fields?: Record<string, unknown>;
  unset?: string[];
  /** The server version this browser had seen of the record when the change was made. */
  baseVersion: number;
  /** Later bases for fields this browser's own earlier change set, once the server applied it. */
  fieldBases?: Record<string, number>;
  /** Once sent, the change is what its mutation id stands for: later edits go in a new entry. */
  sentAt?: number;
  createdAt: number;
  /** Set when the server refused the change as malformed: kept, shown, no longer sent. */
  rejected?: string;
}

/** The server version of each record this browser holds, as of its last pull or push answer. */
export interface SyncVersion {
  key: string;
  version: number;
}

/** Small sync facts: the pull checkpoint, this browser's client id, its overruled changes. */
export interface SyncStateEntry {
  /**
   * deviceToken: the team's device token, here because content scripts cannot reach the extension's
   * IndexedDB. leftTeam: the records held when this browser left a team (sync/team-records.ts).
   */
  key: 'checkpoint' | 'clientId' | 'purgedThrough' | 'overruled' | 'deviceToken' | 'leftTeam';
  value: string | number | unknown[] | Record<string, unknown>;
}

/**
 * The extension's own IndexedDB, on the extension's origin. Content scripts never open it (there it
 * would belong to the TikTok page's origin); they reach it through the background by message.
 */
export class CompanionDb extends Dexie {
  shops!: EntityTable<Shop, 'shopCode'>;
  authorizations!: EntityTable<TspAuthorization, 'id'>;
  tspRequests!: EntityTable<TspRequest, 'id'>;
  partnerAccess!: EntityTable<PartnerAccess, 'id'>;
  sentAlerts!: EntityTable<SentAlert, 'id'>;
  accessRequests!: EntityTable<ShopAccessRequest, 'id'>;
  businessCenters!: EntityTable<BusinessCenter, 'orgId'>;
  intakeCodes!: EntityTable<IntakeCode, 'code'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  syncVersions!: EntityTable<SyncVersion, 'key'>;
  syncState!: EntityTable<SyncStateEntry, 'key'>;

  constructor(name = 'shop-access-companion') {
    super(name);
    this.version(1).stores({ shops: 'shopCode, lastSeenAt, region' });
    this.version(2).stores({
      authorizations: 'id, shopCode, expiresAt, status',
      tspRequests: 'id, shopCode, status',
      partnerAccess: 'id, shopCode, status',
      sentAlerts: 'id, authorizationId',
    });
    this.version(3).stores({
      accessRequests: 'id, businessCenterId, shopCode, status',
      businessCenters: 'orgId',
      intakeCodes: 'code, addedAt',
    });
    this.version(4).stores({ outbox: '++seq, key', syncVersions: 'key', syncState: 'key' });
    // Only shopCode is looked up: each index more cost a fifth of the time to store a page of
    // 5,000 pulled records (joining a team of 10,000: 862 -> 679 ms of writes without expiresAt and status).
    this.version(5).stores({ authorizations: 'id, shopCode' });
    recordLocalChanges(this);
  }
}

export const db = new CompanionDb();
