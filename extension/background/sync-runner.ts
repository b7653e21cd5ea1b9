import type { ClientResponse } from 'hono/client';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { type PokedPage, parseInviteLink, pokedPage } from '../../shared/sync-protocol';
import type { CompanionDb } from '../db/database';
import { CONSENT_WITHDRAWN, consentStillHeld } from '../platform/data-consent';
import type { PublicConnection, RecordTeamState, SyncConnection, SyncStatus } from '../protocol-types';
import { recordKey, whenLocalChange } from '../sync/outbox-middleware';
import { keepMine, SyncClient, SyncHttpError, type SyncOutcome } from '../sync/sync-client';
import { listOverruled, pendingCount, queueSnapshot, saveOverruled } from '../sync/sync-state';
import { keysToHold, rememberLeftTeam } from '../sync/team-records';
import { type Answer, answer, type TeamCall, type TeamServer, teamServer } from '../sync/team-server';

/**
 * Where this browser syncs, without its device token: `storage.local` is readable by content
 * scripts, which run beside TikTok's pages. The token lives in the extension's own IndexedDB
 * (the extension's origin: no content script or page reaches it), which survives a restart.
 */
const connectionItem = storage.defineItem<(Omit<SyncConnection, 'token'> & { token?: string }) | null>('local:syncConnection', {
  fallback: null,
});
const TOKEN_KEY = 'deviceToken' as const;
const freshStatus = (state: SyncStatus['state']): SyncStatus => ({
  state,
  lastSyncAt: null,
  lastError: null,
  pending: 0,
  refused: [],
  conflicts: [],
  rejected: 0,
});
const statusItem = storage.defineItem<SyncStatus>('local:syncStatus', { fallback: freshStatus('off') });

const SYNC_ALARM = 'team-sync';
const PING_MS = 20_000;
/** While changes wait and the server does not answer, it is asked again this often at most. */
const RETRY_MAX_MS = 5000;

/**
 * The background's side of team sync: a WebSocket to the server whose pokes trigger a pull (and
 * whose 20 s pings keep the MV3 worker alive while it is open), a push shortly after every local
 * change, a pull on every reconnect, and a one-minute alarm as the fallback that also reopens the
 * socket after the worker was stopped.
 */
/** Called with the records a sync stored from the team, per collection; its failure never fails the sync. */
export type OnReceived = (collection: string, rows: readonly unknown[]) => Promise<void>;

/** How long Leave waits for the team's server to hear it, before saying it could not be told. */
const SIGN_OUT_WAIT_MS = 5000;

/**
 * Tells the team's server this browser left: its token stops working at once, and a person
 * leaving from their last browser leaves Members (or they would be listed twice after joining
 * again). False when the server did not answer in time: the token then stays valid on the server
 * until an admin revokes it, though this browser no longer holds it.
 */
async function signOut(team: SyncConnection): Promise<boolean> {
  const told = answer(
    team.serverUrl,
    teamServer(team.serverUrl, team.token).v1.devices[':id'].$delete({ param: { id: team.deviceId } }),
  ).then(
    () => true,
    // Refused as unknown (401) or gone (404): the server had already let this browser go (revoked, removed).
    (error: unknown) => error instanceof SyncHttpError && (error.status === 401 || error.status === 404),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((done) => {
    timer = setTimeout(() => done(false), SIGN_OUT_WAIT_MS);
  });
  const heard = await Promise.race([told, late]);
  clearTimeout(timer);
  return heard;
}

export function startSyncRunner(db: CompanionDb, onReceived: OnReceived = async () => {}, watched: readonly string[] = []) {
  const collect = new Set(watched);
  /** The connection with its token, or null; a token an earlier release kept in storage.local moves out of it. */
  async function readConnection(): Promise<SyncConnection | null> {
    const stored = await connectionItem.getValue();
    if (!stored) return null;
    if (stored.token) await writeConnection({ ...stored, token: stored.token });
    const token = stored.token ?? (await db.syncState.get(TOKEN_KEY))?.value;
    return typeof token === 'string' ? { ...stored, token } : null;
  }

  async function writeConnection(connection: SyncConnection | null): Promise<void> {
    if (!connection) {
      await connectionItem.setValue(null);
      await db.syncState.delete(TOKEN_KEY);
      return;
    }
    const { token, ...visible } = connection;
    await db.syncState.put({ key: TOKEN_KEY, value: token });
    await connectionItem.setValue(visible);
  }

  let socket: WebSocket | null = null;
  let pinger: ReturnType<typeof setInterval> | undefined;
  let retryMs = 1000;
  let running: Promise<void> | null = null;
  let again = false;
  /** Whether the run under way has begun its pull (a commit poked about before then is in it). */
  let pulling = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  /** Ends the run under way at its next request (leaving a team). */
  let stopRun: AbortController | null = null;
  /** While Leave runs, no run starts: one would sync with the team being left. */
  let leaving = false;
  let retryDelayMs = 1000;

  async function setStatus(patch: Partial<SyncStatus>): Promise<SyncStatus> {
    const next = { ...(await statusItem.getValue()), ...patch };
    await statusItem.setValue(next);
    return next;
  }

  async function runOnce(): Promise<void> {
    if (leaving) return;
    const [connection, status] = await Promise.all([readConnection(), statusItem.getValue()]);
    if (!connection) {
      // Not in a team: nothing will send these; joining queues a full snapshot instead.
      await db.outbox.clear();
      return;
    }
    if (status.state === 'revoked') return;
    if (!(await consentStillHeld())) {
      await setStatus({ state: 'paused', lastError: CONSENT_WITHDRAWN, pending: await pendingCount(db) });
      return;
    }
    // Shown while syncing, but the sync does not wait for the storage write (a change's way to the
    // team is on this path); the final status is written after it.
    const marked = setStatus({ state: 'syncing' });
    try {
      const onPull = () => {
        pulling = true;
      };
      const stop = new AbortController();
      stopRun = stop;
      const outcome = await new SyncClient(db, connection, undefined, { collect, onPull, signal: stop.signal }).sync();
      await marked;
      const aside = await db.outbox.filter((e) => Boolean(e.rejected)).toArray();
      clearTimeout(retry);
      retryDelayMs = 1000;
      await setStatus({
        state: 'synced',
        lastSyncAt: Date.now(),
        lastError: null,
        pending: outcome.pending,
        refused: outcome.refused,
        conflicts: (await listOverruled(db)).slice(0, 20),
        rejected: aside.length,
        setAside: aside.slice(0, 20).map((e) => `${e.collection} ${e.id}: ${e.rejected}`),
      });
      // The server answers again: the live socket can come back now, not at its next backoff.
      void ensureSocket();
      await tellReceived(outcome);
    } catch (error) {
      await marked.catch(() => {});
      const revoked = error instanceof SyncHttpError && error.status === 401;
      const pending = await pendingCount(db);
      await setStatus({
        state: revoked ? 'revoked' : 'offline',
        lastError: revoked
          ? 'This browser was removed from the team (its token was revoked). Leave, then join again with a new invite.'
          : `${(error as Error).message}. Changes are kept and sent when it answers.`,
        pending,
      });
      if (revoked) closeSocket();
      else if (pending > 0) retryLater();
    }
  }

  async function tellReceived(outcome: SyncOutcome): Promise<void> {
    for (const [collection, rows] of outcome.received ?? []) await onReceived(collection, rows).catch(() => {});
  }

  /**
   * A poke's records, stored without a pull (one round trip less for a teammate's change); a poke
   * whose records do not follow on from this browser's checkpoint makes a full run instead. It
   * sends nothing, so it needs no consent: this browser's own changes go by their own runs.
   */
  async function storePoke(connection: SyncConnection, poked: PokedPage): Promise<void> {
    const outcome = await new SyncClient(db, connection, undefined, { collect }).storePoked(poked);
    if (!outcome) return runOnce();
    const refused = outcome.refused.length > 0 ? { refused: outcome.refused } : {};
    await setStatus({ lastSyncAt: Date.now(), pending: outcome.pending, ...refused });
    await tellReceived(outcome);
  }

  /**
   * Changes are waiting and the server did not answer: ask again soon, backing off to at most
   * RETRY_MAX_MS, so they leave within seconds of the server's return rather than at the next
   * socket reconnect or alarm (a minute or more after a long outage).
   */
  function retryLater(): void {
    clearTimeout(retry);
    retry = setTimeout(() => void syncNow(), retryDelayMs);
    retryDelayMs = Math.min(retryDelayMs * 2, RETRY_MAX_MS);
  }

  /**
   * One sync at a time; a request during a run schedules exactly one more run after it. Except a
   * poke that comes before the run's pull: the pull starts after the commit it announces, so it
   * brings it. (Each push pokes the pushing browser too: that run would be a second pull for nothing.)
   */
  function syncNow(cause: 'change' | 'poke' = 'change', poked?: { connection: SyncConnection; page: PokedPage }): Promise<void> {
    if (running) {
      if (cause === 'change' || pulling) again = true;
      return running;
    }
    pulling = false;
    // A run that failed before its own error handling (storage unreadable) is tried again later,
    // not dropped with whatever poke it absorbed.
    running = (poked ? storePoke(poked.connection, poked.page) : runOnce())
      .catch(() => retryLater())
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void syncNow();
        }
      });
    return running;
  }

  function closeSocket(): void {
    clearInterval(pinger);
    const s = socket;
    socket = null;
    s?.close(1000, 'closing');
  }

  async function ensureSocket(): Promise<void> {
    const connection = await readConnection();
    if (!connection || socket || (await statusItem.getValue()).state === 'revoked') return;
    const url = `${connection.serverUrl.replace(/^http/, 'ws')}/v1/live?token=${encodeURIComponent(connection.token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 1000;
      // Pull on every (re)connect: a poke missed while disconnected is caught here.
      void syncNow();
      pinger = setInterval(() => ws.readyState === ws.OPEN && ws.send('{"type":"ping"}'), PING_MS);
    };
    ws.onmessage = (event) => {
      const text = String(event.data);
      if (socket !== ws || !text.includes('"poke"')) return;
      const page = pokedPage(text);
      void syncNow('poke', page ? { connection, page } : undefined);
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      clearInterval(pinger);
      if (event.code === 4001) {
        void setStatus({ state: 'revoked', lastError: 'This browser was removed from the team (its token was revoked).' });
        return;
      }
      setTimeout(() => void ensureSocket(), retryMs);
      retryMs = Math.min(retryMs * 2, 60_000);
    };
  }

  // The first change goes at once; changes made while it is on its way go together in the next run.
  whenLocalChange(() => void syncNow());

  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_ALARM, { delayInMinutes: 1, periodInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void ensureSocket();
    void syncNow();
  });
  void ensureSocket();

  return {
    syncNow,
    async memberName(): Promise<string | undefined> {
      return (await readConnection())?.name;
    },
    async status(): Promise<{ connection: PublicConnection | null; status: SyncStatus }> {
      const connection = await readConnection();
      const status = await statusItem.getValue();
      if (!connection) return { connection: null, status };
      const { token: _secret, ...visible } = connection;
      return { connection: visible, status: { ...status, pending: await pendingCount(db) } };
    },
    /**
     * Waits (at most `waitMs`) until this browser's changes to one record have reached the team,
     * so a page can say what became of them instead of what it hoped: shared, still waiting (and
     * why), or set aside. The record's value as stored afterwards tells whether a teammate's won.
     */
    async recordTeamState(collection: string, id: string, waitMs: number): Promise<RecordTeamState> {
      const key = recordKey(collection, id);
      const deadline = Date.now() + waitMs;
      for (;;) {
        const [connection, status] = await Promise.all([readConnection(), statusItem.getValue()]);
        if (!connection || status.state === 'revoked') return { kind: 'solo' };
        const entries = await db.outbox.where('key').equals(key).toArray();
        const aside = entries.find((e) => e.rejected);
        if (aside) return { kind: 'setAside', why: String(aside.rejected) };
        if (entries.length === 0) {
          // The run that sent it may still be naming who won a conflict: let it finish.
          await running?.catch(() => {});
          return { kind: 'shared' };
        }
        if (Date.now() >= deadline) return { kind: 'waiting', why: status.state === 'offline' ? status.lastError : null };
        // The run under way may have started before this change: the one it schedules carries it.
        await Promise.race([syncNow(), new Promise((done) => setTimeout(done, 1000))]);
        if ((await db.outbox.where('key').equals(key).count()) > 0) await new Promise((done) => setTimeout(done, 250));
      }
    },
    /** Puts this browser's overruled values back (one action), and sends them. */
    async keepMine(index: number): Promise<void> {
      const overruled = (await listOverruled(db))[index];
      if (!overruled) throw new Error('That overruled change is no longer listed.');
      await keepMine(db, overruled);
      await saveOverruled(db, (kept) => kept.filter((_, i) => i !== index));
      await setStatus({ conflicts: (await listOverruled(db)).slice(0, 20) });
      await syncNow();
    },
    /** Redeems an invite link; everything this browser knows is then sent to the team. */
    async join(input: {
      invite: string;
      name: string;
      label: string;
      sharePrevious?: boolean;
    }): Promise<PublicConnection & { shared: number }> {
      const link = parseInviteLink(input.invite);
      if (!link) {
        const why =
          /^\W*http:\/\//.test(input.invite) && input.invite.includes('#inv_')
            ? "This invite uses plain http to another computer; ask for an https link (the browser's token must not travel in clear)."
            : 'That is not an invite link: it looks like https://your-server/join#inv_...';
        // The invite field's problem: the form says it beside that field.
        throw Object.assign(new Error(why), { fields: { invite: why } });
      }
      const body = await answer(
        link.serverUrl,
        teamServer(link.serverUrl).v1.invites.redeem.$post({
          json: { invite: link.code, label: input.label, name: input.name },
        }),
      );
      closeSocket();
      const connection: SyncConnection = {
        serverUrl: link.serverUrl,
        token: body.token,
        teamId: body.teamId,
        teamName: body.teamName,
        memberId: body.memberId,
        deviceId: body.deviceId,
        role: body.role,
        name: input.name,
        label: input.label,
      };
      await writeConnection(connection);
      // A run that started before joining would clear the outbox as "not in a team": let it end first.
      await running;
      await statusItem.setValue(freshStatus('syncing'));
      // Pressing Join was consent to what the form listed: the records kept from a team left earlier stay here unless ticked.
      const hold = await keysToHold(db, connection, input.sharePrevious === true);
      const shared = await queueSnapshot(db, hold);
      if (hold.size === 0) await db.syncState.delete('leftTeam');
      await ensureSocket();
      // Not awaited: a team's past can take seconds to pull, and the form that asked should not
      // hang on it (nor keep re-reading what each page stores); the status line says "Syncing".
      void syncNow();
      const { token: _secret, ...visible } = connection;
      return { ...visible, shared };
    },
    /** The authenticated request function while this browser is in a team (and not removed), else null. */
    async teamRequester() {
      const [connection, status] = await Promise.all([readConnection(), statusItem.getValue()]);
      return connection && status.state !== 'revoked' ? (this.teamCall.bind(this) as TeamCall) : null;
    },
    /** An authenticated call to the team's server for the admin views; the token never leaves the background. */
    async teamCall<R extends ClientResponse<unknown>>(call: (server: TeamServer) => Promise<R>): Promise<Answer<R>> {
      const connection = await readConnection();
      if (!connection) throw new Error('This browser is not in a team.');
      return answer(connection.serverUrl, call(teamServer(connection.serverUrl, connection.token)));
    },
    /**
     * Stops syncing; the records stay in this browser. The server is told last, and need not
     * answer: Leave works offline too (`serverTold` says whether it heard).
     */
    async leave(): Promise<{ serverTold: boolean }> {
      // A run under way (a join's pull, which Join does not wait for) stops after the page it is
      // storing; what it stored is counted as that team's, and its status and checkpoint come first.
      leaving = true;
      stopRun?.abort();
      closeSocket();
      clearTimeout(retry);
      try {
        const team = await readConnection();
        await writeConnection(null);
        await running?.catch(() => {});
        if (team) await rememberLeftTeam(db, team);
        await statusItem.setValue(freshStatus('off'));
        await db.transaction('rw', db.outbox, db.syncVersions, db.syncState, async () => {
          await db.outbox.clear();
          await db.syncVersions.clear();
          await db.syncState.bulkDelete(['checkpoint', 'purgedThrough', 'overruled']);
        });
        return { serverTold: team ? await signOut(team) : false };
      } finally {
        leaving = false;
      }
    },
  };
}
