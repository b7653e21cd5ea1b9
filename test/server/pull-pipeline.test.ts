import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordShopCapture } from '../../extension/db/shops';
import { recordKey } from '../../extension/sync/outbox-middleware';
import { capture, freshTeamEachTest, type TeamUnderTest, type Transport } from './sync-harness';

/**
 * How a pull brings a large team's records (a join): a small first page, each page after it
 * twice the one before up to 5,000, every record checked as its page arrives, and a record under
 * a change of this browser's still waiting checked as it will be stored, not as it arrived.
 */
let store: TeamUnderTest['store'];
let harness: TeamUnderTest['harness'];
let teamId: string;

freshTeamEachTest('sac-pipeline-', (team) => {
  ({ store, harness, teamId } = team);
});

const code = (i: number) => `USLC${String(i).padStart(6, '0')}`;

async function seed(count: number) {
  const seeder = await store.authenticate((await store.createDeviceToken(teamId, 'member', 'seeder')).token);
  for (let i = 0; i < count; i += 500) {
    await store.push(seeder as never, {
      clientId: 'seeder',
      mutations: Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
        mutationId: randomUUID(),
        collection: 'shops' as const,
        id: code(i + j),
        baseVersion: 0,
        op: 'upsert' as const,
        fields: { ...capture(code(i + j)), firstSeenAt: 1000, lastSeenAt: 1000 },
      })),
    });
  }
}

const limitsAsked =
  (asked: number[]): Transport =>
  (url, init) => {
    if (url.includes('/v1/pull')) asked.push(Number(new URL(url).searchParams.get('limit')));
    return harness.app.request(url, init);
  };

describe('a pull of a large team', () => {
  it('asks for 1,000 records first, then twice as many each page, and stores every record once', async () => {
    await seed(3500);
    const asked: number[] = [];
    const b = await harness.browser(teamId, { transport: limitsAsked(asked) });
    const outcome = await b.client.sync();
    expect(asked).toEqual([1000, 2000, 4000]);
    expect(outcome.pulled).toBe(3500);
    expect(await b.db.shops.count()).toBe(3500);
    expect((await b.db.syncState.get('checkpoint'))?.value).toBe(3500);
  });

  it('never asks for more than its page size allows', async () => {
    await seed(12);
    const asked: number[] = [];
    const b = await harness.browser(teamId, { transport: limitsAsked(asked), options: { pullPage: 5 } });
    await b.client.sync();
    expect(asked).toEqual([5, 5, 5]);
    expect(await b.db.shops.count()).toBe(12);
  });
});

describe('records checked as their page arrives', () => {
  it("refuses an invalid record, and checks one under this browser's waiting change as it will be stored", async () => {
    await seed(2);
    let renameDuringPull: (() => Promise<unknown>) | null = null;
    const transport: Transport = async (url, init) => {
      const response = await harness.app.request(url, init);
      if (!url.includes('/v1/pull')) return response;
      await renameDuringPull?.();
      renameDuringPull = null;
      // The server's copies of the two seeded shops arrive with a name no shop can have.
      const page = await response.json();
      for (const change of page.changes) if (change.id !== 'GBLCRKQTEX') change.fields.name = 42;
      return Response.json(page);
    };
    const b = await harness.browser(teamId, { transport });
    await recordShopCapture(b.db, capture('GBLCRKQTEX'), 1500);
    // Renamed while the page is on its way: a change of this browser's waiting when it is stored.
    renameDuringPull = () => recordShopCapture(b.db, capture(code(0), 'Renamed here'), 2000);
    const outcome = await b.client.sync();
    expect(outcome.refused).toEqual([expect.stringMatching(new RegExp(`^shops ${code(1)}: `))]);
    expect(await b.db.shops.get(code(0))).toMatchObject({ name: 'Renamed here' });
    expect(await b.db.shops.get(code(1))).toBeUndefined();
    expect(await b.db.shops.get('GBLCRKQTEX')).toMatchObject({ shopCode: 'GBLCRKQTEX' });
    expect(
      await b.db.outbox
        .where('key')
        .equals(recordKey('shops', code(0)))
        .count(),
    ).toBe(1);
  });
});
