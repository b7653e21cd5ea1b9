import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal, Store } from '../../server/store/store';
import { mergeMutation, type StoredRecord } from '../../server/sync/merge';
import type { Mutation, MutationResult, SyncRecord } from '../../shared/sync-protocol';
import { STORES, type StoreUnderTest } from './stores';

/**
 * Randomized schedules of several members editing the same few records offline, pushing (some
 * answers lost and the push replayed), and pulling in small pages. Whatever the schedule, once
 * everyone has pushed and pulled, every browser holds exactly the server's records; replays get
 * the first answer; and, run one push at a time, each store ends exactly where a plain in-memory
 * fold of mergeMutation ends.
 */

const CLIENTS = 3;
const RECORD_IDS = ['USLCQPEV3N', 'GBGBLCRKQTEX', 'PHLCX7Q2MA'];

type Step =
  | { kind: 'edit'; client: number; record: number; fields: Record<string, unknown> }
  | { kind: 'delete'; client: number; record: number }
  | { kind: 'push'; client: number; loseAnswer: boolean }
  | { kind: 'pull'; client: number; pageSize: number }
  | { kind: 'pushAtOnce' };

const fieldValues = fc.record(
  {
    name: fc.constantFrom('Maple & Moss', 'Lantern', 'Cedar "Co"', ''),
    status: fc.constantFrom('Pending', 'Approved', 'Expired'),
    daysLeft: fc.integer({ min: -3, max: 400 }),
    tags: fc.array(fc.constantFrom('vip', 'us', 'late'), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const client = fc.integer({ min: 0, max: CLIENTS - 1 });
const record = fc.integer({ min: 0, max: RECORD_IDS.length - 1 });

function steps(concurrent: boolean): fc.Arbitrary<Step[]> {
  const step: fc.Arbitrary<Step>[] = [
    fc.record({ kind: fc.constant('edit' as const), client, record, fields: fieldValues }),
    fc.record({ kind: fc.constant('edit' as const), client, record, fields: fieldValues }),
    fc.record({ kind: fc.constant('delete' as const), client, record }),
    fc.record({ kind: fc.constant('push' as const), client, loseAnswer: fc.boolean() }),
    fc.record({ kind: fc.constant('pull' as const), client, pageSize: fc.integer({ min: 1, max: 4 }) }),
  ];
  if (concurrent) step.push(fc.constant({ kind: 'pushAtOnce' as const }));
  return fc.array(fc.oneof(...step), { minLength: 1, maxLength: 40 });
}

/** The reference: the same merge, folded in memory in push order, with the stores' replay rule. */
class ModelServer {
  private seq = 0;
  readonly records = new Map<string, StoredRecord>();
  private readonly answers = new Map<string, MutationResult>();

  push(clientId: string, mutations: Mutation[]): MutationResult[] {
    return mutations.map((m) => {
      this.seq++;
      const key = `${clientId}\u0000${m.mutationId}`;
      const replay = this.answers.get(key);
      if (replay) return replay;
      const { write, result } = mergeMutation(this.records.get(m.id) ?? null, m, this.seq);
      if (write) this.records.set(m.id, write);
      this.answers.set(key, result);
      return result;
    });
  }
}

class Browser {
  readonly replica = new Map<string, SyncRecord>();
  outbox: Mutation[] = [];
  checkpoint = 0;
  private made = 0;
  readonly firstAnswers = new Map<string, MutationResult>();

  constructor(
    readonly clientId: string,
    readonly principal: Principal,
  ) {}

  change(id: string, op: Mutation['op'], fields?: Record<string, unknown>): void {
    this.made++;
    this.outbox.push({
      mutationId: `${this.clientId}-${this.made}`,
      collection: 'shops',
      id,
      baseVersion: this.replica.get(id)?.version ?? 0,
      op,
      ...(op === 'upsert' ? { fields } : {}),
    });
  }

  /** Sends the outbox; a lost answer leaves it queued, to be sent again with the same ids. */
  async push(send: (b: Browser, m: Mutation[]) => Promise<MutationResult[]>, loseAnswer = false): Promise<void> {
    if (this.outbox.length === 0) return;
    const sent = this.outbox;
    const results = await send(this, sent);
    results.forEach((result, i) => {
      const id = sent[i]?.mutationId as string;
      const first = this.firstAnswers.get(id);
      if (first) expect(result, `replayed answer for ${id}`).toEqual(first);
      else this.firstAnswers.set(id, result);
    });
    if (!loseAnswer) this.outbox = this.outbox.slice(sent.length);
  }

  async pull(store: Store, pageSize: number): Promise<void> {
    for (;;) {
      const page = await store.pull(this.principal.teamId, this.checkpoint, pageSize);
      expect(page.mustRefetch).toBe(false);
      for (const change of page.changes) this.replica.set(change.id, change);
      this.checkpoint = page.next;
      if (!page.more) return;
    }
  }
}

const live = (records: Iterable<SyncRecord>) =>
  Object.fromEntries(
    [...records]
      .filter((r) => !r.deleted)
      .map((r) => [r.id, r.fields])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );

describe.each(STORES)('convergence under random schedules: %s', (_name, open) => {
  let under: StoreUnderTest;
  let store: Store;
  beforeAll(async () => {
    under = await open();
    store = under.store;
  });
  afterAll(async () => {
    await under.dispose();
  });

  async function run(schedule: Step[], concurrent: boolean) {
    // A team per run: runs share the store, and team isolation is checked along the way.
    const { teamId } = await store.createTeam('convergence');
    const browsers: Browser[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { token } = await store.createDeviceToken(teamId, 'member', `browser-${i}`);
      browsers.push(new Browser(`browser-${i}-${teamId.slice(0, 8)}`, (await store.authenticate(token)) as Principal));
    }
    const model = new ModelServer();
    const send = async (b: Browser, mutations: Mutation[]) => {
      const results = await store.push(b.principal, { clientId: b.clientId, mutations });
      if (!concurrent) expect(results).toEqual(model.push(b.clientId, mutations));
      return results;
    };
    for (const step of schedule) {
      if (step.kind === 'pushAtOnce') await Promise.all(browsers.map((b) => b.push(send)));
      else {
        const b = browsers[step.client] as Browser;
        if (step.kind === 'edit') b.change(RECORD_IDS[step.record] as string, 'upsert', step.fields);
        else if (step.kind === 'delete') b.change(RECORD_IDS[step.record] as string, 'delete');
        else if (step.kind === 'push') await b.push(send, step.loseAnswer);
        else await b.pull(store, step.pageSize);
      }
    }
    for (const b of browsers) await b.push(send);
    for (const b of browsers) await b.pull(store, 2);

    const server = (await store.pull(teamId, 0, 5000)).changes;
    for (const b of browsers) expect(live(b.replica.values()), b.clientId).toEqual(live(server));
    if (!concurrent) {
      expect(server.map(({ id, version, deleted, fields }) => ({ id, version, deleted, fields }))).toEqual(
        [...model.records.values()]
          .sort((a, b) => a.version - b.version)
          .map(({ id, version, deleted, fields }) => ({ id, version, deleted, fields })),
      );
    }
  }

  it('one push at a time: every browser converges, and the store matches the in-memory merge', async () => {
    await fc.assert(
      fc.asyncProperty(steps(false), (schedule) => run(schedule, false)),
      { numRuns: 40 },
    );
  });

  it('pushes racing each other: every browser still converges and replays get their first answer', async () => {
    await fc.assert(
      fc.asyncProperty(steps(true), (schedule) => run(schedule, true)),
      { numRuns: 40 },
    );
  });
});
