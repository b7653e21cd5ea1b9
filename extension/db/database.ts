import Dexie, { type EntityTable } from 'dexie';
import type { BusinessCenter, PartnerAccess, Shop, ShopAccessRequest, TspAuthorization, TspRequest } from '../../shared/schemas';

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
  }
}

export const db = new CompanionDb();
