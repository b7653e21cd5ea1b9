import { z } from 'zod';

/**
 * The sync protocol between the extension and the server (see README, "Sync"). Records belong to a
 * team and a collection; their ids are made by the client, or derived from a natural key so two
 * members' offline records merge. The server orders every change with a per-team sequence number.
 */

export const COLLECTIONS = ['shops', 'authorizations', 'tspRequests', 'partnerAccess', 'accessRequests', 'sentAlerts'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export const MAX_MUTATIONS_PER_PUSH = 1000;
export const MAX_PULL_LIMIT = 5000;

export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const FIELD_NAME_RULE = 'field names are letters, digits and _';
const FieldName = z.string().regex(FIELD_NAME, FIELD_NAME_RULE);

export const MutationSchema = z.object({
  /** Unique per client; a push replayed after its answer was lost is applied once. */
  mutationId: z.string().min(8).max(100),
  collection: z.enum(COLLECTIONS),
  id: z.string().min(1).max(300),
  /** The record version the client last saw; 0 for a record it never saw. */
  baseVersion: z.number().int().nonnegative(),
  op: z.enum(['upsert', 'delete']),
  /** Only the fields this change sets; a field it does not name keeps whatever the team has. */
  fields: z.record(FieldName, z.unknown()).optional(),
  /** Fields this change clears (a request's error once it succeeded): merged like any other field. */
  unset: z.array(FieldName).max(200).optional(),
  /**
   * A later base for some fields: the version at which this browser's own earlier change to them was
   * applied. Without it a browser's second edit would be judged against the first as a teammate's.
   */
  fieldBases: z.record(FieldName, z.number().int().nonnegative()).optional(),
});
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z.object({
  clientId: z.string().min(8).max(100),
  // Empty is allowed: a client asks with it whether the server takes pushes at all (see SyncClient.push).
  mutations: z.array(MutationSchema).max(MAX_MUTATIONS_PER_PUSH),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export interface SyncRecord {
  collection: Collection;
  id: string;
  /** The team sequence number of the record's last change; its version. */
  version: number;
  deleted: boolean;
  fields: Record<string, unknown>;
}

export type MutationResult =
  | { mutationId: string; status: 'applied'; version: number }
  | { mutationId: string; status: 'merged'; version: number }
  | {
      mutationId: string;
      status: 'conflict';
      version: number;
      fields: string[];
      record: SyncRecord;
      /** The version at which each field in `fields` was last written: who won is in the audit at it. */
      fieldVersions?: Record<string, number>;
    }
  | { mutationId: string; status: 'rejected'; reason: string };

export const PullQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(1000),
  /**
   * The team's purge mark (PullResponse.purgedThrough) as of the browser's last start from scratch:
   * deletes purged before then cannot concern it, so a refetch continues page by page to its end.
   */
  purgedThrough: z.coerce.number().int().nonnegative().default(0),
});

export interface PullResponse {
  changes: SyncRecord[];
  /** Pass as `since` next time; equals the last change's version. */
  next: number;
  more: boolean;
  /** The client is older than the tombstone retention: drop local copies, pull from 0, keep the outbox. */
  mustRefetch: boolean;
  /** The highest version of a purged delete: kept by a browser starting from scratch (since 0 or a refetch). */
  purgedThrough?: number;
}

/** What an invite link (`https://sync.example.com/join#inv_...`) holds: where the server is, and the code. */
/**
 * Whether a browser must drop its copies and pull from 0: it may have missed a delete that was
 * purged. `known` is the purge mark as of its last start from scratch (deletes purged before that
 * cannot concern it), so a refetch continues page by page to its end instead of restarting.
 */
export function mustRefetchAfter(since: number, known: number, purgedThrough: number): boolean {
  return since > 0 && Math.max(since, known) < purgedThrough;
}

/** Records a poke carries at most (and 32 KB of them): a larger commit is pulled as before. */
export const POKE_RECORDS = 50;
export const POKE_BYTES = 32 * 1024;

const PokedRecordSchema = z.object({
  collection: z.string(),
  id: z.string(),
  version: z.number().int().nonnegative(),
  deleted: z.boolean(),
  fields: z.record(z.string(), z.unknown()),
});

/**
 * What the live socket says after a commit. `page` (when the commit was small) is the pull page
 * after `since`, a version at or before the commit's first: a browser whose checkpoint is at least
 * `since` stores it and skips its own pull, one round trip less between a teammate's change and
 * this browser; any other browser pulls as before (a poke is only ever a hint).
 */
export const PokeSchema = z.object({
  type: z.literal('poke'),
  version: z.number().int().nonnegative(),
  since: z.number().int().nonnegative().optional(),
  page: z
    .object({
      changes: z.array(PokedRecordSchema).max(POKE_RECORDS),
      next: z.number().int().nonnegative(),
      more: z.boolean(),
      mustRefetch: z.boolean(),
      purgedThrough: z.number().int().nonnegative().optional(),
    })
    .optional(),
});
export type Poke = z.infer<typeof PokeSchema>;
export type PokedPage = Required<Pick<Poke, 'since' | 'page'>>;

/** A poke that carries its commit's records, or null (a plain poke, or a message that is no poke). */
export function pokedPage(text: string): PokedPage | null {
  try {
    const poke = PokeSchema.safeParse(JSON.parse(text));
    if (!poke.success || poke.data.since === undefined || !poke.data.page) return null;
    return { since: poke.data.since, page: poke.data.page };
  } catch {
    return null;
  }
}

export interface InviteLink {
  serverUrl: string;
  code: string;
}

/**
 * Reads an invite link as a member pastes it (spaces, quotes or angle brackets from an e-mail
 * around it). Null when it is not one: only https servers (or http on this machine) and `inv_`
 * codes are accepted, so a pasted page address or token is refused instead of being sent somewhere.
 */
export function parseInviteLink(text: string): InviteLink | null {
  const trimmed = text.trim().replace(/^[<"'(]+|[>"')]+$/g, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  // The device token will travel to this server: plain http only to this machine itself.
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  const code = url.hash.slice(1);
  if (!/^inv_[A-Za-z0-9_-]{20,}$/.test(code)) return null;
  const path = url.pathname.replace(/\/join\/?$/, '');
  if (path === url.pathname) return null;
  return { serverUrl: `${url.origin}${path}`.replace(/\/$/, ''), code };
}
