// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicConnection } from '../../extension/protocol-types';
import { settle } from './settle-view';

// The dashboard's notice of records kept from a team left, with the background answered here.
const JOINED = vi.hoisted(
  (): PublicConnection => ({
    serverUrl: 'https://sync.second.example',
    teamId: 'team_2',
    teamName: 'Second agency',
    memberId: 'mem_1',
    deviceId: 'dev_1',
    role: 'member',
    name: 'Ada',
    label: 'Chromium',
  }),
);
const counted = vi.hoisted(() => ({ calls: 0 }));

vi.mock('../../extension/messaging', async (original) => ({
  ...(await original<typeof import('../../extension/messaging')>()),
  sendMessage: async (type: string) => (type === 'syncStatus' ? { connection: JOINED, status: {} } : undefined),
}));
vi.mock('../../extension/sync/team-records', async (original) => {
  const real = await original<typeof import('../../extension/sync/team-records')>();
  return {
    ...real,
    heldRecords: (...args: Parameters<typeof real.heldRecords>) => {
      counted.calls++;
      return real.heldRecords(...args);
    },
  };
});

const { db } = await import('../../extension/db/database');
const { recordShopCapture } = await import('../../extension/db/shops');
const { HeldRecordsNotice } = await import('../../extension/ui/dashboard/HeldRecords');

let root: HTMLElement;
const capture = (shopCode: string) => ({
  shopCode,
  name: `Shop ${shopCode}`,
  region: 'US' as const,
  sellerType: 'local' as const,
  sellerCenterHost: 'seller-us.tiktok.com',
  standardCode: true,
});

beforeEach(async () => {
  counted.calls = 0;
  await Promise.all(db.tables.map((table) => table.clear()));
  for (const code of ['USLCQPEV3N', 'GBLCRKQTEX']) await recordShopCapture(db, capture(code), 1000);
  await db.syncState.put({
    key: 'leftTeam',
    value: {
      serverUrl: 'https://sync.first.example',
      teamId: 'team_1',
      keys: ['shops\u0000USLCQPEV3N', 'shops\u0000GBLCRKQTEX'],
    },
  });
  // Written before this browser joined the second team: nothing is waiting to be sent to it.
  await db.outbox.clear();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the notice of records kept from a team left', () => {
  it('says how many and whose, and removes them from this browser only, sending nothing', async () => {
    await act(() => render(<HeldRecordsNotice />, root));
    await settle();
    const notice = root.querySelector('[data-testid="held-records"]');
    expect(notice?.textContent).toContain('2 records in this browser are kept from the team on sync.first.example');
    expect(notice?.textContent).toContain('"Second agency" does not have them, and they are not sent to it.');
    // A record stored meanwhile (a page visit) does not make it count every record again.
    const before = counted.calls;
    await recordShopCapture(db, capture('PHLCX7Q2MA'), 2000);
    await settle();
    expect(counted.calls).toBe(before);

    await act(() => root.querySelector<HTMLButtonElement>('button')?.click());
    await settle();
    expect(root.querySelector('[data-testid="held-records"]')?.textContent).toBe(
      'Removed 2 records kept from the team you left.',
    );
    expect((await db.shops.toArray()).map((s) => s.shopCode)).toEqual(['PHLCX7Q2MA']);
    // Only the visit made since is waiting to be sent; the removals are not.
    expect((await db.outbox.toArray()).map((e) => `${e.op} ${e.id}`)).toEqual(['upsert PHLCX7Q2MA']);
  });

  it('says nothing when no record is kept from another team', async () => {
    await db.syncState.delete('leftTeam');
    await act(() => render(<HeldRecordsNotice />, root));
    await settle();
    expect(root.querySelector('[data-testid="held-records"]')).toBeNull();
  });
});
