import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { deferToNextDay, recordRequestOutcome } from '../../extension/db/access-requests';
import { recordAuthorizations } from '../../extension/db/authorizations';
import { recordPartnerAccess, recordTspRequests } from '../../extension/db/requests';
import { recordShopCapture } from '../../extension/db/shops';
import { openSqliteStore } from '../../server/store/sqlite';
import {
  PartnerAccessSchema,
  ShopAccessRequestSchema,
  ShopSchema,
  TspAuthorizationSchema,
  TspRequestSchema,
} from '../../shared/schemas';
import type { Collection } from '../../shared/sync-protocol';

const TODAY: Record<string, z.ZodType> = {
  shops: ShopSchema,
  authorizations: TspAuthorizationSchema,
  tspRequests: TspRequestSchema,
  partnerAccess: PartnerAccessSchema,
  accessRequests: ShopAccessRequestSchema,
};

import { clientHarness } from './sync-harness';

/**
 * Schema changes stay additive: browsers on the last release keep syncing while others update.
 * Records written by today's code, as the server hands them to every browser after a sync
 * (including a field cleared since), must validate under the schemas of the last release, read
 * from git; and records as the last release wrote them must validate under today's.
 *
 * LAST_RELEASE is the commit browsers run today (session 2's final tree); move it when a release ships.
 */
const LAST_RELEASE = '7b8d5b9';
const ORG = '7000000000001';

let dir: string;
let previous: Record<string, z.ZodType>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sac-release-'));
  // The last release's shared/ folder as it was, imported as code.
  const files = execFileSync('git', ['ls-tree', '--name-only', LAST_RELEASE, 'shared/'], { encoding: 'utf8' }).trim().split('\n');
  mkdirSync(join(dir, 'shared'));
  for (const file of files) writeFileSync(join(dir, file), execFileSync('git', ['show', `${LAST_RELEASE}:${file}`]));
  const old = (await import(join(dir, 'shared', 'schemas.ts'))) as Record<string, z.ZodType>;
  previous = {
    shops: old.ShopSchema as z.ZodType,
    authorizations: old.TspAuthorizationSchema as z.ZodType,
    tspRequests: old.TspRequestSchema as z.ZodType,
    partnerAccess: old.PartnerAccessSchema as z.ZodType,
    accessRequests: old.ShopAccessRequestSchema as z.ZodType,
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('records written by today, read by the last release', () => {
  it("validate under the last release's schemas, as the server syncs them (cleared fields included)", async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'sac-additive-'));
    const store = openSqliteStore(storeDir);
    const harness = clientHarness(store);
    try {
      const { teamId } = await store.createTeam('Agency');
      const a = await harness.browser(teamId);
      const now = Date.UTC(2026, 10, 23, 12);
      await recordShopCapture(
        a.db,
        {
          shopCode: 'USLCQPEV3N',
          name: 'Maple \u{1F341} & Moss',
          region: 'US',
          sellerType: 'local',
          sellerCenterHost: 'seller-us.tiktok.com',
          standardCode: true,
        },
        now,
      );
      await recordShopCapture(
        a.db,
        {
          shopCode: 'GBLCRKQTEX',
          region: 'GB',
          sellerType: 'cross_border',
          sellerCenterHost: 'seller-uk.tiktok.com',
          standardCode: false,
        },
        now,
      );
      await recordAuthorizations(
        a.db,
        'USLCQPEV3N',
        [
          {
            serviceName: 'Store management',
            partner: 'Northwind',
            serviceType: 'Store management',
            status: 'Active',
            authorizedAt: '12/05/2026',
            expiresAt: '12/05/2027',
          },
          { serviceName: 'Ads', partner: 'Acme', status: 'Something new', expiresAt: 'next spring' },
        ],
        'month-first',
        now,
      );
      await recordTspRequests(a.db, 'USLCQPEV3N', [{ partner: 'Northwind', reference: 'REQ-1', status: 'Pending' }], now);
      await recordPartnerAccess(
        a.db,
        'USLCQPEV3N',
        [{ businessCenterName: 'Northwind BC', businessCenterId: ORG, permission: 'Manager', status: 'Approved' }],
        now,
      );
      await deferToNextDay(a.db, ORG, ['PHLCX7Q2MA', 'MYLCWW7TQA'], now);
      await recordRequestOutcome(a.db, ORG, 'PHLCX7Q2MA', { ok: false, kind: 'limit', error: 'Daily limit reached' }, 'Ana', now);
      await recordRequestOutcome(a.db, ORG, 'MYLCWW7TQA', { ok: false, kind: 'other', error: 'Try again' }, 'Ana', now);
      await a.client.sync();
      // Cleared since: the last release must read a record whose error is gone.
      await recordRequestOutcome(
        a.db,
        ORG,
        'MYLCWW7TQA',
        { ok: true, approvalLink: 'https://example.com/approve' },
        'Ana',
        now + 1,
      );
      await a.client.sync();

      const checked: string[] = [];
      for (const [collection, schema] of Object.entries(previous)) {
        for (const record of await store.records(teamId, collection as Collection)) {
          const parsed = schema.safeParse(record.fields);
          expect(parsed.success, `${collection} ${record.id}: ${parsed.error?.issues[0]?.message}`).toBe(true);
          checked.push(collection);
        }
      }
      expect(new Set(checked)).toEqual(new Set(Object.keys(previous)));
    } finally {
      await harness.dropBrowsers();
      await store.close();
      rmSync(storeDir, { recursive: true, force: true });
    }
  });
});

describe('records written by the last release, read today', () => {
  const lastRelease: Record<string, unknown[]> = {
    shops: [
      {
        shopCode: 'USLCQPEV3N',
        name: 'Maple',
        region: 'US',
        sellerType: 'local',
        sellerCenterHost: 'seller-us.tiktok.com',
        standardCode: true,
        firstSeenAt: 1_700_000_000_000,
        lastSeenAt: 1_763_900_000_000,
      },
    ],
    accessRequests: [
      {
        id: `${ORG}:USLCQPEV3N:request_access`,
        businessCenterId: ORG,
        shopCode: 'USLCQPEV3N',
        method: 'request_access',
        status: 'failed',
        lastError: 'Try again',
        errorKind: 'other',
        queuedFor: '2026-11-24',
        resends: [{ at: 1_763_900_000_000, via: 'email' }],
        updatedAt: 1_763_900_000_000,
      },
    ],
    tspRequests: [
      {
        id: 'USLCQPEV3N:northwind:req-1',
        shopCode: 'USLCQPEV3N',
        partner: 'Northwind',
        status: 'partner_reviewing',
        rawStatus: 'Partner reviewing',
        history: [],
        lastSeenAt: 1_763_900_000_000,
      },
    ],
  };

  it("validate under today's schemas", () => {
    for (const [collection, records] of Object.entries(lastRelease)) {
      for (const record of records) {
        const before = previous[collection]?.safeParse(record);
        expect(before?.success, `the last release wrote it: ${collection}: ${before?.error?.issues[0]?.message}`).toBe(true);
        const today = (TODAY[collection] as z.ZodType).safeParse(record);
        expect(today.success, `${collection}: ${today.error?.issues[0]?.message}`).toBe(true);
      }
    }
  });
});
