import type { ClientResponse } from 'hono/client';
import type { z } from 'zod';
import {
  PartnerAccessSchema,
  ShopAccessRequestSchema,
  ShopSchema,
  TspAuthorizationSchema,
  TspRequestSchema,
} from '../../shared/schemas';
import {
  MAX_PULL_LIMIT,
  type MutationResult,
  mustRefetchAfter,
  type PokedPage,
  type PullResponse,
  type SyncRecord,
} from '../../shared/sync-protocol';
import type { CompanionDb, OutboxEntry } from '../db/database';
import type { Overruled, SyncConnection } from '../protocol-types';
import { markFromServer, recordKey, SYNCED_TABLES } from './outbox-middleware';
import { describeOverruled, nameWinners } from './overruled';
import { overlay, rebase, toMutation } from './pending';
import { APPLY_TABLES, clientIdOf, overruledKey, pendingCount, saveOverruled } from './sync-state';
import { releaseFromLeftTeam } from './team-records';
import { type Answer, answer, SyncHttpError, type TeamServer, teamServer } from './team-server';

export { keepMine } from './overruled';
export { SyncHttpError };

export interface SyncOutcome {
  pushed: number;
  pulled: number;
  /** Changes of this browser a teammate's edit overruled, with what was lost, to whom and when. */
  conflicts: Overruled[];
  /** Records from the server this browser refused to store, with why (never silently dropped). */
  refused: string[];
  pending: number;
  /** The records pulled and stored, by collection: what teammates' browsers changed. */
  received?: Map<string, unknown[]>;
}

/** Every record another browser sends is checked against the same schema as this browser's own. */
const SCHEMAS: Partial<Record<string, z.ZodType>> = {
  shops: ShopSchema,
  authorizations: TspAuthorizationSchema,
  tspRequests: TspRequestSchema,
  partnerAccess: PartnerAccessSchema,
  accessRequests: ShopAccessRequestSchema,
};

const PUSH_BATCH = 500;
/** The largest page the server gives (MAX_PULL_LIMIT); the option can only ask for less. */
const PULL_PAGE = MAX_PULL_LIMIT;
/**
 * A pull's first page is small and each one after it twice the one before, up to PULL_PAGE: the
 * browser starts storing soon, and each page arrives while the one before is being stored, rather
 * than after the server has read, sent and the browser parsed 5,000 records.
 */
const FIRST_PULL_PAGE = 1000;
/** Server errors that say "not now" (no server behind a proxy, a busy or read-only store), not "not this change". */
const TRANSIENT = new Set([502, 503, 504]);

export interface SyncClientOptions {
  /** The largest page a pull asks for (at most 5,000); the first asks for 1,000 at most, each next one twice as many. */
  pullPage?: number;
  /** The most outbox entries one push sends. */
  pushBatch?: number;
  /**
   * Collections whose pulled records are handed back in the outcome (`received`), for news. Only
   * on a pull that continues from a checkpoint: a first pull (joining) is the team's past.
   */
  collect?: ReadonlySet<string>;
  /** Told as the pull begins: whatever the server committed before this is in what it brings. */
  onPull?: () => void;
  /**
   * Ends the run between two requests (the person left the team): what was stored stays, each
   * page with its checkpoint, and nothing more is asked of the server.
   */
  signal?: AbortSignal;
}

type Entry = OutboxEntry & { seq: number };
type Checked = ReturnType<z.ZodType['safeParse']> | undefined;

/**
 * Each record's check against its schema, made as a page arrives: the page after the one being
 * written is checked while IndexedDB writes, not after. A record with changes of this browser
 * waiting is checked again once they are laid over it (see apply).
 */
function checkPage(changes: SyncRecord[]): Checked[] {
  return changes.map((c) => (c.deleted ? undefined : SCHEMAS[c.collection]?.safeParse(c.fields)));
}

/**
 * One browser's side of the sync protocol: push the outbox in order, then pull since the
 * checkpoint, each page applied with its checkpoint in one transaction. Runs in the background;
 * `fetch` is passed in so tests can put the real server in-process.
 */
export class SyncClient {
  private readonly server: TeamServer;
  private collecting = false;

  constructor(
    private readonly db: CompanionDb,
    private readonly connection: Pick<SyncConnection, 'serverUrl' | 'token'>,
    fetchFn?: typeof fetch,
    private readonly options: SyncClientOptions = {},
  ) {
    this.server = teamServer(connection.serverUrl, connection.token, fetchFn);
  }

  async sync(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { pushed: 0, pulled: 0, conflicts: [], refused: [], pending: 0 };
    await this.push(outcome);
    await this.pull(outcome);
    outcome.pending = await pendingCount(this.db);
    return outcome;
  }

  /**
   * Sends the outbox in order, at most one entry per record per request: a record's next entry
   * waits for the answer to the one before, and is rebased on it. A change the server refuses as
   * malformed (400/413), or keeps failing on (5xx) while it takes others, is found by halving the
   * batch and set aside, so one bad change never holds the rest.
   */
  private async push(outcome: SyncOutcome): Promise<void> {
    // A poke's sync usually has nothing to send: no read-write transaction for it.
    if ((await this.db.outbox.count()) === 0) return;
    const clientId = await clientIdOf(this.db);
    const size = this.options.pushBatch ?? PUSH_BATCH;
    let batch = size;
    const failures = new Map<number, number>();
    const suspects = new Map<number, SyncHttpError>();
    let delivered = false;
    let lastError: SyncHttpError | null = null;
    for (;;) {
      if (this.options.signal?.aborted) return;
      const entries = await this.nextBatch(batch, suspects);
      if (entries.length === 0) break;
      let results: MutationResult[];
      try {
        ({ results } = await this.call(this.server.v1.push.$post({ json: { clientId, mutations: entries.map(toMutation) } })));
      } catch (error) {
        if (!(error instanceof SyncHttpError)) throw error;
        const malformed = error.status === 400 || error.status === 413;
        if (!malformed && (error.status < 500 || TRANSIENT.has(error.status))) throw error;
        if (entries.length > 1) {
          batch = Math.max(1, Math.floor(entries.length / 2));
          continue;
        }
        const entry = entries[0] as Entry;
        batch = size;
        if (malformed) {
          await this.db.outbox.update(entry.seq, { rejected: `${error.code}: ${error.message}` });
          continue;
        }
        // A 5xx may be a passing fault: only the second on the same change makes it a suspect.
        lastError = error;
        failures.set(entry.seq, (failures.get(entry.seq) ?? 0) + 1);
        if ((failures.get(entry.seq) ?? 0) >= 2) suspects.set(entry.seq, error);
        continue;
      }
      delivered = true;
      await this.settle(entries, results, outcome);
      outcome.pushed += entries.length;
    }
    if (suspects.size === 0) return;
    // A server that fails on every change is down, not refusing these: they wait for it. With no
    // other change to tell by, an empty push asks: a server that takes it fails on this change.
    if (!delivered && !(await this.takesPushes(clientId))) throw lastError;
    for (const [seq, error] of suspects) {
      await this.db.outbox.update(seq, {
        rejected: `server error ${error.status} on this change (${error.code}): ${error.message}`,
      });
    }
  }

  private async takesPushes(clientId: string): Promise<boolean> {
    return this.call(this.server.v1.push.$post({ json: { clientId, mutations: [] } })).then(
      () => true,
      () => false,
    );
  }

  /** The next entries to send, the first of each record only, marked sent (never folded into again). */
  private nextBatch(batch: number, skip: Map<number, unknown>): Promise<Entry[]> {
    return this.db.transaction('rw', this.db.outbox, async () => {
      const seen = new Set<string>();
      const chosen: Entry[] = [];
      await this.db.outbox
        .orderBy('seq')
        .until(() => chosen.length >= batch)
        .each((e) => {
          if (e.rejected || seen.has(e.key)) return;
          seen.add(e.key);
          if (!skip.has(e.seq as number)) chosen.push(e as Entry);
        });
      const now = Date.now();
      const unsent = chosen.filter((e) => !e.sentAt);
      if (unsent.length > 0) await this.db.outbox.bulkUpdate(unsent.map((e) => ({ key: e.seq, changes: { sentAt: now } })));
      return chosen;
    });
  }

  /**
   * Drops answered entries and rebases the records' later entries on the answers; a conflict's
   * server record is stored at once (under any change still waiting) and the loss described.
   */
  private async settle(entries: Entry[], results: MutationResult[], outcome: SyncOutcome): Promise<void> {
    const overruled: Overruled[] = [];
    await this.db.transaction('rw', APPLY_TABLES, async (tx) => {
      markFromServer(tx.idbtrans);
      await this.db.outbox.bulkDelete(entries.map((e) => e.seq));
      const later = await this.db.outbox
        .where('key')
        .anyOf(entries.map((e) => e.key))
        .sortBy('seq');
      const rebased = new Map<number, OutboxEntry>();
      const fromServer: SyncRecord[] = [];
      for (const [i, result] of results.entries()) {
        const entry = entries[i] as Entry;
        for (const next of later) {
          if (next.key === entry.key)
            rebased.set(next.seq as number, rebase(rebased.get(next.seq as number) ?? next, entry, result));
        }
        if (result.status === 'rejected') outcome.refused.push(`${entry.collection} ${entry.id}: ${result.reason}`);
        if (result.status === 'conflict') {
          const local = (await this.db.table(entry.collection).get(entry.id)) as Record<string, unknown> | undefined;
          const described = describeOverruled(entry, result, local);
          if (described) overruled.push(described);
          fromServer.push(result.record);
        }
        if (result.status === 'applied') {
          if (entry.op === 'delete') await this.db.syncVersions.delete(entry.key);
          else await this.db.syncVersions.put({ key: entry.key, version: result.version });
        }
      }
      if (rebased.size > 0) await this.db.outbox.bulkPut([...rebased.values()]);
      await this.apply(fromServer, outcome);
      // Kept with the answer, so a worker stopped right after still tells the person.
      if (overruled.length > 0) await saveOverruled(this.db, (kept) => [...overruled, ...kept]);
    });
    if (overruled.length === 0) return;
    await nameWinners(overruled, (query) => this.call(this.server.v1.audit.$get({ query })));
    const named = new Map(overruled.map((o) => [overruledKey(o), o]));
    await saveOverruled(this.db, (kept) => kept.map((o) => named.get(overruledKey(o)) ?? o));
    outcome.conflicts.push(...overruled);
  }

  /**
   * Pulls page after page; the next page is fetched while this one is being stored (a join's
   * 10,000 records: the network and the server no longer wait on IndexedDB, nor it on them).
   */
  private async pull(outcome: SyncOutcome): Promise<void> {
    if (this.options.signal?.aborted) return;
    this.options.onPull?.();
    const [checkpoint, stored] = await this.db.syncState.bulkGet(['checkpoint', 'purgedThrough']);
    let since = Number(checkpoint?.value ?? 0);
    this.collecting = since > 0;
    let known = Number(stored?.value ?? 0);
    const limit = Math.min(this.options.pullPage ?? PULL_PAGE, PULL_PAGE);
    const fetchPage = (after: number, purge: number, size: number): Promise<{ page: PullResponse; checked: Checked[] }> =>
      this.call(
        this.server.v1.pull.$get({ query: { since: String(after), limit: String(size), purgedThrough: String(purge) } }),
      ).then((page) => ({ page, checked: checkPage(page.changes) }));
    let size = Math.min(limit, FIRST_PULL_PAGE);
    let next = fetchPage(since, known, size);
    for (;;) {
      const { page, checked } = await next;
      // Starting from scratch: deletes purged by now cannot concern this browser, so the pages
      // that follow continue this pass instead of being told to start over (see mustRefetchAfter).
      const fresh = (since === 0 || page.mustRefetch) && page.purgedThrough !== undefined;
      if (fresh) known = page.purgedThrough as number;
      size = Math.min(limit, size * 2);
      const following = page.more ? fetchPage(page.next, known, size) : null;
      // Awaited below; until then a failure must not count as unhandled.
      following?.catch(() => {});
      await this.db.transaction('rw', APPLY_TABLES, async (tx) => {
        markFromServer(tx.idbtrans);
        // Older than the server's tombstone retention: what this browser holds may include records
        // deleted since; start over from the server's copy, keeping every change not yet sent.
        if (page.mustRefetch) await this.dropSyncedCopies();
        await this.apply(page.changes, outcome, false, checked);
        await this.db.syncState.put({ key: 'checkpoint', value: page.next });
        if (fresh) await this.db.syncState.put({ key: 'purgedThrough', value: known });
      });
      outcome.pulled += page.changes.length;
      if (!following || this.options.signal?.aborted) return;
      since = page.next;
      next = following;
    }
  }

  /**
   * Stores the records a poke carried, if they follow on from this browser's checkpoint (the page
   * starts at or before it and asks for no refetch): what it already has is skipped, the rest
   * stored with the new checkpoint in one transaction, as a pulled page is. Null when they do not
   * follow on (a poke missed, a join still pulling): then the caller pulls.
   */
  async storePoked(poke: PokedPage): Promise<SyncOutcome | null> {
    const { since, page } = poke;
    const outcome: SyncOutcome = { pushed: 0, pulled: 0, conflicts: [], refused: [], pending: 0 };
    if (page.more || page.mustRefetch) return null;
    this.collecting = true;
    const stored = await this.db.transaction('rw', APPLY_TABLES, async (tx) => {
      markFromServer(tx.idbtrans);
      const [checkpoint, purge] = await this.db.syncState.bulkGet(['checkpoint', 'purgedThrough']);
      const at = Number(checkpoint?.value ?? 0);
      if (at === 0 || since > at || mustRefetchAfter(at, Number(purge?.value ?? 0), page.purgedThrough ?? 0)) return false;
      const news = page.changes.filter((c) => c.version > at) as SyncRecord[];
      await this.apply(news, outcome, false);
      if (page.next > at) await this.db.syncState.put({ key: 'checkpoint', value: page.next });
      outcome.pulled = news.length;
      return true;
    });
    if (!stored) return null;
    outcome.pending = await pendingCount(this.db);
    return outcome;
  }

  private async dropSyncedCopies(): Promise<void> {
    const pending = new Set((await this.db.outbox.toArray()).map((e) => e.key));
    for (const name of SYNCED_TABLES) {
      const table = this.db.table(name);
      const keys = (await table.toCollection().primaryKeys()) as string[];
      await table.bulkDelete(keys.filter((k) => !pending.has(recordKey(name, String(k)))));
    }
    await this.db.syncVersions.clear();
  }

  /**
   * Stores server records, each with this browser's changes still waiting laid over it (the
   * server's merge decides them when they arrive). A page is a handful of bulk writes, not three
   * per record (10,000 records: 23 s one by one in Chromium). A pulled record needs no version of
   * its own: the checkpoint stored with it is its base (see the outbox middleware); a record that
   * arrives in an answer, ahead of the checkpoint, keeps its version (`versions`).
   */
  private async apply(changes: SyncRecord[], outcome: SyncOutcome, keepVersions = true, checked?: Checked[]): Promise<void> {
    if (changes.length === 0) return;
    const keys = changes.map((c) => recordKey(c.collection, c.id));
    await releaseFromLeftTeam(this.db, keys);
    const waiting = new Map<string, OutboxEntry[]>();
    if ((await this.db.outbox.count()) > 0) {
      const entries = await this.db.outbox.where('key').anyOf(keys).sortBy('seq');
      for (const e of entries) if (!e.rejected) waiting.set(e.key, [...(waiting.get(e.key) ?? []), e]);
    }
    const puts = new Map<string, unknown[]>();
    const deletes = new Map<string, string[]>();
    const versions: { key: string; version: number }[] = [];
    const forgotten: string[] = [];
    changes.forEach((change, i) => {
      const schema = SCHEMAS[change.collection];
      const key = keys[i] as string;
      if (!schema) return;
      const pending = waiting.get(key);
      const shown = pending ? overlay(change, pending) : change;
      if (change.deleted) forgotten.push(key);
      else versions.push({ key, version: change.version });
      if (shown.deleted) {
        deletes.set(change.collection, [...(deletes.get(change.collection) ?? []), change.id]);
        return;
      }
      const parsed = (!pending && checked?.[i]) || schema.safeParse(shown.fields);
      if (!parsed.success) {
        outcome.refused.push(`${change.collection} ${change.id}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      const rows = puts.get(change.collection) ?? [];
      rows.push(parsed.data);
      puts.set(change.collection, rows);
    });
    for (const [collection, rows] of puts) {
      await this.db.table(collection).bulkPut(rows);
      if (this.collecting && this.options.collect?.has(collection)) {
        outcome.received ??= new Map();
        outcome.received.set(collection, [...(outcome.received.get(collection) ?? []), ...rows]);
      }
    }
    for (const [collection, ids] of deletes) await this.db.table(collection).bulkDelete(ids);
    if (keepVersions) {
      await this.db.syncVersions.bulkPut(versions);
      await this.db.syncVersions.bulkDelete(forgotten);
    }
  }

  private call<R extends ClientResponse<unknown>>(response: Promise<R>): Promise<Answer<R>> {
    return answer(this.connection.serverUrl, response);
  }
}
