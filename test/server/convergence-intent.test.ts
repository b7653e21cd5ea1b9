import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOverruled } from '../../extension/sync/sync-state';
import type { Store } from '../../server/store/store';
import { type ShopAccessRequest, shopAccessRequestId } from '../../shared/schemas';
import { STORES, type StoreUnderTest } from './stores';
import { clientHarness, type TestBrowser, type Transport } from './sync-harness';

/**
 * Randomized schedules of three members' browsers (the real sync client on Dexie) against the real
 * server on each store: edits, clears and deletes of the same few access requests, offline spells,
 * answers lost after the server acted (a worker stopped mid-push or mid-pull), restarts, pushes
 * racing each other, and purges of tombstones and replay answers. The model is each person's
 * intent, not only agreement: every browser's last write to a field is what the team ends with,
 * unless another member wrote that field (or deleted the record) after the server had it, or this
 * browser was told its write was overruled; cleared fields stay cleared; a browser is only told of a
 * conflict another member caused; every browser finishes pulling, refetches included.
 *
 * RUNS (default 200 per store) and SEED (default fixed, so `npm test` runs the same schedules)
 * come from CONVERGENCE_RUNS and CONVERGENCE_SEED; the long run is documented in the README.
 */
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 200);
const SEED = Number(process.env.CONVERGENCE_SEED ?? 20261123);

const ORG = '7000000000001';
const CODES = ['USLCQPEV3N', 'GBLCRKQTEX', 'PHLCX7Q2MA'];
const IDS = CODES.map((code) => shopAccessRequestId(ORG, code, 'request_access'));
const FIELDS = ['status', 'requestedBy', 'lastError', 'errorKind', 'queuedFor', 'approvalLink'] as const;
type Field = (typeof FIELDS)[number];
const CLEARED = Symbol('cleared');
type Value = unknown | typeof CLEARED;

const valueFor: Record<Field, fc.Arbitrary<unknown>> = {
  status: fc.constantFrom('queued', 'pending', 'approved', 'failed'),
  requestedBy: fc.constantFrom('Ana', 'Ben', 'Cleo'),
  lastError: fc.constantFrom('Try again later', 'Invalid code'),
  errorKind: fc.constantFrom('invalid', 'other'),
  queuedFor: fc.constantFrom('2026-11-24', '2026-11-25'),
  approvalLink: fc.constantFrom('https://example.com/a', 'https://example.com/b'),
};
// status is required: it is set, never cleared.
const fieldChange = fc.oneof(
  ...FIELDS.map((field) =>
    fc.tuple(fc.constant(field), field === 'status' ? valueFor[field] : fc.oneof(valueFor[field], fc.constant(CLEARED))),
  ),
);

type Step =
  | { kind: 'edit'; who: number; record: number; changes: [Field, Value][] }
  | { kind: 'delete'; who: number; record: number }
  | { kind: 'sync'; who: number; network: 'up' | 'down' | 'lose' }
  | { kind: 'syncAll' }
  | { kind: 'restart'; who: number }
  | { kind: 'purge' };

const who = fc.nat(2);
const record = fc.nat(CODES.length - 1);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      who,
      record,
      changes: fc.array(fieldChange, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who, record }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      who,
      network: fc.constantFrom('up' as const, 'up' as const, 'down' as const, 'lose' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'syncAll' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), who }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'purge' as const }) },
);

/** One write as the person made it: a field set or cleared, or the whole record deleted. */
interface Write {
  who: number;
  record: number;
  field: Field | null;
  value: Value;
  step: number;
  /** The moment it was made, on the same clock as sync attempts. */
  at: number;
}

describe.each(STORES)("the users' intent survives random schedules: %s", (_name, open) => {
  let under: StoreUnderTest;
  let store: Store;
  let harness: ReturnType<typeof clientHarness>;
  beforeAll(async () => {
    under = await open();
    store = under.store;
    harness = clientHarness(store);
  });
  afterAll(async () => {
    await harness.dropBrowsers();
    await under.dispose();
  });

  async function run(schedule: Step[]) {
    const { teamId } = await store.createTeam('intent');
    const network = [0, 1, 2].map(() => ({ down: false, lose: false }));
    const browsers: TestBrowser[] = [];
    for (const i of [0, 1, 2]) {
      const transport: Transport = async (url, init) => {
        const net = network[i] as (typeof network)[number];
        if (net.down) throw new TypeError('offline');
        const response = await harness.app.request(url, init);
        if (net.lose) {
          net.lose = false;
          throw new TypeError('the answer was lost (the worker stopped)');
        }
        return response;
      };
      browsers.push(await harness.browser(teamId, { transport, name: ['Ana', 'Ben', 'Cleo'][i], options: { pullPage: 2 } }));
    }
    const writes: Write[] = [];
    /** The step of each browser's last sync that succeeded: every write before it reached the server. */
    /** Sync attempts that reached the server, and those that succeeded, by browser, as moments. */
    const reached: number[][] = [[], [], []];
    const succeeded: number[][] = [[], [], []];
    let moment = 0;
    // A push whose answer was lost and then purged is merged again when resent: the server can no
    // longer tell the browser's own first landing from a teammate's, and may say it was overruled.
    const unanswered = [false, false, false];
    const replayedAfterPurge = [false, false, false];
    const sync = async (i: number, at = ++moment) => {
      const b = browsers[i] as TestBrowser;
      if (!(network[i] as (typeof network)[number]).down) reached[i]?.push(at);
      try {
        await b.client.sync();
        succeeded[i]?.push(at);
        unanswered[i] = false;
      } catch {
        // Offline or an answer lost: what was queued stays queued.
        if ((network[i] as (typeof network)[number]).lose === false) unanswered[i] = true;
      }
    };

    for (const [n, s] of schedule.entries()) {
      if (s.kind === 'edit') {
        const b = browsers[s.who] as TestBrowser;
        const id = IDS[s.record] as string;
        const current = await b.db.accessRequests.get(id);
        const next: Record<string, unknown> = current
          ? { ...current }
          : {
              id,
              businessCenterId: ORG,
              shopCode: CODES[s.record],
              method: 'request_access',
              status: 'queued',
              resends: [],
              updatedAt: 1000,
            };
        if (!current)
          for (const field of ['status'] as const)
            writes.push({ who: s.who, record: s.record, field, value: next[field], step: n, at: ++moment });
        const last = new Map<Field, Value>();
        for (const [field, value] of s.changes) {
          if (value === CLEARED) delete next[field];
          else next[field] = value;
          last.set(field, value);
        }
        for (const [field, value] of last) {
          // Leaving a field out of a record one creates is no intent to clear a teammate's copy, and
          // setting what the record already holds is no change at all.
          const held = current && field in current ? current[field] : CLEARED;
          if (current ? value !== held : value !== CLEARED)
            writes.push({ who: s.who, record: s.record, field, value, step: n, at: ++moment });
        }
        await b.db.accessRequests.put(next as ShopAccessRequest);
      } else if (s.kind === 'delete') {
        const b = browsers[s.who] as TestBrowser;
        if (await b.db.accessRequests.get(IDS[s.record] as string)) {
          await b.db.accessRequests.delete(IDS[s.record] as string);
          writes.push({ who: s.who, record: s.record, field: null, value: CLEARED, step: n, at: ++moment });
        }
      } else if (s.kind === 'sync') {
        const net = network[s.who] as (typeof network)[number];
        net.down = s.network === 'down';
        net.lose = s.network === 'lose';
        await sync(s.who);
        net.down = false;
        net.lose = false;
      } else if (s.kind === 'syncAll') {
        // Racing: their order at the server is unknown, so they share one moment.
        const at = ++moment;
        await Promise.all([0, 1, 2].map((i) => sync(i, at)));
      } else if (s.kind === 'restart') browsers[s.who]?.restart();
      else {
        await store.purge(Date.now() + 1);
        for (const i of [0, 1, 2]) if (unanswered[i]) replayedAfterPurge[i] = true;
      }
    }
    for (let round = 0; round < 3; round++) for (const i of [0, 1, 2]) await sync(i);

    // Agreement, nothing left behind, every pull (and refetch) finished.
    const server = Object.fromEntries((await store.records(teamId, 'accessRequests')).map((r) => [r.id, r.fields]));
    const version = (await store.pull(teamId, 0, 5000)).changes.reduce((top, c) => Math.max(top, c.version), 0);
    for (const b of browsers) {
      const local = Object.fromEntries((await b.db.accessRequests.toArray()).map((r) => [r.id, r]));
      expect(local).toEqual(server);
      expect(await b.db.outbox.toArray()).toEqual([]);
      expect(Number((await b.db.syncState.get('checkpoint'))?.value ?? 0)).toBe(version);
      expect((await b.client.sync()).pulled).toBe(0);
    }

    // Intent: each browser's last write to each field, unless excused.
    const told = await Promise.all(browsers.map((b) => listOverruled(b.db)));
    const wasTold = (i: number, r: number, field: Field | null) =>
      (told[i] ?? []).some((o) => o.id === IDS[r] && (o.fields.length === 0 || field === null || o.fields.includes(field)));
    const touchedBy = (others: (w: Write) => boolean, r: number, field: Field | null) =>
      writes.some((w) => others(w) && w.record === r && (w.field === null || field === null || w.field === field));
    for (const [i] of browsers.entries()) {
      for (const [r, id] of IDS.entries()) {
        const mine = writes.filter((w) => w.who === i && w.record === r);
        const lastDelete = mine.filter((w) => w.field === null).at(-1);
        const lasts = new Map<Field | null, Write>();
        // A delete stands for the whole record until the same browser writes to it again.
        const after = mine.filter((w) => !lastDelete || w.step > lastDelete.step);
        for (const w of after.length > 0 ? after : mine.filter((w) => w === lastDelete)) lasts.set(w.field, w);
        for (const [field, w] of lasts) {
          const final = server[id];
          const kept =
            field === null
              ? final === undefined
              : final !== undefined && (w.value === CLEARED ? !(field in final) : final[field] === w.value);
          if (kept) continue;
          // Overwritten by another member after the server had this write, or this browser was told.
          // The server's order: another member's write that reached it no earlier than this one.
          const arrived = (o: Write) => (succeeded[o.who] ?? []).find((at) => at >= o.at) ?? Number.POSITIVE_INFINITY;
          const sent = (reached[i] ?? []).find((at) => at >= w.at) ?? Number.POSITIVE_INFINITY;
          const afterDelivery = touchedBy((o) => o.who !== i && arrived(o) >= sent, r, field);
          expect(
            afterDelivery || wasTold(i, r, field),
            `browser ${i}'s last write to ${id} ${String(field)} at step ${w.step}`,
          ).toBe(true);
        }
      }
      // Told only of conflicts another member caused: never of this browser's own edits.
      for (const o of replayedAfterPurge[i] ? [] : (told[i] ?? [])) {
        const r = IDS.indexOf(o.id);
        const cause = o.fields.length === 0 ? null : (o.fields[0] as Field);
        expect(
          touchedBy((w) => w.who !== i, r, cause),
          `browser ${i} told of ${o.id} ${o.fields.join()}`,
        ).toBe(true);
      }
    }
  }

  it(
    `${RUNS} schedules: every browser agrees, finishes pulling, and each person's last write stands or they were told`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), (schedule) => run(schedule)),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 250),
  );
});
