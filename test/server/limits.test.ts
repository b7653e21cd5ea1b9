import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { jsonDepth, MAX_JSON_DEPTH, PULL_PAGE_LIMIT_BYTES } from '../../server/limits';
import type { Store } from '../../server/store/store';
import { putLegacyRecord, STORES, type StoreUnderTest } from './stores';

const AUTH = {
  shopCode: 'USLCQPEV3N',
  serviceName: 'Ads management',
  partner: 'Growth Partners Ltd',
  status: 'active',
  expiresAt: Date.UTC(2026, 11, 5, 12),
};
let n = 0;
const upsert = (collection: string, id: string, fields: Record<string, unknown>) => ({
  mutationId: `m-limits-${++n}`,
  collection,
  id,
  baseVersion: 0,
  op: 'upsert',
  fields,
});

/** The nesting of a parsed value, counted as jsonDepth counts it in the text. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const inner = Object.values(value as Record<string, unknown>).map(depthOf);
  return 1 + Math.max(0, ...inner);
}

describe('jsonDepth', () => {
  it.each([
    ['[]', 1],
    ['{"a":[{}]}', 3],
    ['"[[[["', 0],
    ['["\\\\",[1]]', 2], // a string that ends in an escaped backslash, then an array
    ['["\\"[[",[1]]', 2], // an escaped quote inside a string does not end it
    ['{"k\\\\":{"v":"}}}"}}', 2],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonDepth(text)).toBe(depth);
  });

  it('agrees with the parsed value on any JSON, brackets, quotes and backslashes in strings included', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ', '\u00e9') });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.array(tie('node')), fc.dictionary(text, tie('node'))),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(jsonDepth(JSON.stringify(v))).toBe(depthOf(v));
      }),
      { numRuns: 500 },
    );
  });

  it('stops counting once past the limit', () => {
    expect(jsonDepth('['.repeat(100_000))).toBe(MAX_JSON_DEPTH + 1);
  });
});

/** Sizes, strings and fields at the door, the same on both stores. */
describe.each(STORES)('limits on %s', (_name, open) => {
  let under: StoreUnderTest;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let teamId: string;
  let member: string;
  let owner: string;
  const logs: Record<string, unknown>[] = [];
  const call = (path: string, token: string | null, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  const push = (token: string, mutations: unknown[], clientId = 'client-limits-1') =>
    call('/v1/push', token, { method: 'POST', json: { clientId, mutations } });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  beforeEach(async () => {
    under = await open({ teamStorageBytes: 200_000 });
    store = under.store;
    logs.length = 0;
    app = createApp({ store, publicUrl: 'https://sync.example.test', log: (entry) => logs.push(entry) });
    ({ teamId } = await store.createTeam('A'));
    member = (await store.createDeviceToken(teamId, 'member', 'm')).token;
    owner = (await store.createDeviceToken(teamId, 'owner', 'o')).token;
  });
  afterEach(async () => {
    await under.dispose();
  });

  it('answers 413 to a body over 64 KB on every route but push, with or without Content-Length', async () => {
    const big = JSON.stringify({ invite: 'inv_x'.repeat(20), label: 'x'.repeat(70_000) });
    const redeem = await call('/v1/invites/redeem', null, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
    });
    expect(redeem.status).toBe(413);
    const bytes = new TextEncoder().encode(JSON.stringify({ role: 'member', pad: 'x'.repeat(20 * 1024 * 1024) }));
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.subarray(i, i + 65_536));
        controller.close();
      },
    });
    const created = await call('/v1/invites', owner, {
      method: 'POST',
      body: streamed,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(created.status).toBe(413);
    expect(await errorOf(created)).toMatchObject({ code: 'too_large' });
    // A push may still carry up to 1 MB.
    const many = Array.from({ length: 300 }, (_, i) => upsert('shops', `SHOP${i}AAAA`, { name: 'x'.repeat(450) }));
    expect((await push(member, many)).status).toBe(200);
  });

  it('answers 400 to JSON nested deeper than 32, before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = `{"clientId":"client-limits-1","mutations":[{"mutationId":"m-deep-0001","collection":"shops","id":"USLCQPEV3N","baseVersion":0,"op":"upsert","fields":{"name":${deep}}}]}`;
    const res = await call('/v1/push', member, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'too_deep' });
    expect((await call('/health', null)).status).toBe(200);
  });

  it.each([
    ['a NUL in a record field', () => push(member, [upsert('shops', 'USLCQPEV3N', { name: 'Maple\u0000' })]), 'name'],
    ['a lone surrogate in a record field', () => push(member, [upsert('shops', 'USLCQPEV3N', { name: 'Maple \ud83d' })]), 'name'],
    ['a NUL in a field name', () => push(member, [upsert('shops', 'USLCQPEV3N', { 'na\u0000me': 'x' })]), 'fields'],
    ['a NUL in a record id', () => push(member, [upsert('shops', 'USLC\u0000', { name: 'x' })]), 'mutations.0.id'],
    ['a lone surrogate in a client id', () => push(member, [upsert('shops', 'USLCQPEV3N', {})], 'client-\udc00-1'), 'clientId'],
    ['a NUL in an audit filter', () => call('/v1/audit?collection=shops%00', member), 'collection'],
    ['a NUL in a member id', () => call('/v1/members/abc%00def', owner, { method: 'DELETE' }), 'path'],
    [
      'a lone surrogate in the label of an invite redemption',
      () => call('/v1/invites/redeem', null, { method: 'POST', json: { invite: 'inv_guess_guess', label: 'Chrome \ud800' } }),
      'label',
    ],
  ])('answers 400 naming the field for %s', async (_what, send, field) => {
    const res = await send();
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('unstorable_text');
    expect(error.message).toContain(field);
    expect((await store.pull(teamId, 0, 100)).changes).toEqual([]);
  });

  it('checks pushed fields against the shared schemas: a bad field is a refused mutation with the reason', async () => {
    const res = await push(member, [
      upsert('authorizations', 'A1', { ...AUTH, expiresAt: 1e20 }),
      upsert('authorizations', 'A2', { ...AUTH, serviceName: { $gt: '' } }),
      upsert('authorizations', 'A3', { ...AUTH, rawExpiresAt: 'x'.repeat(501) }),
      upsert('authorizations', 'A4', AUTH),
      upsert('authorizations', 'A5', { ...AUTH, lastError: null, futureField: { from: 'a newer browser' } }),
      upsert('sentAlerts', 'S1', { authorizationId: 'A4' }),
    ]);
    const { results } = (await res.json()) as { results: { status: string; reason?: string }[] };
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'applied', 'applied', 'rejected']);
    expect(results[0]?.reason).toMatch(/^invalid_field: expiresAt: /);
    expect(results[1]?.reason).toMatch(/^invalid_field: serviceName: /);
    expect(results[2]?.reason).toMatch(/^invalid_field: rawExpiresAt: /);
    expect(results[5]?.reason).toContain('not shared');
    expect((await store.pull(teamId, 0, 100)).changes.map((c) => c.id)).toEqual(['A4', 'A5']);
  });

  it('keeps a record to 64 KB of JSON, however many mutations build it', async () => {
    const [tooBig] = (await (await push(member, [upsert('shops', 'BIGSHOP1', { name: 'x', note: 'y'.repeat(70_000) })])).json())
      .results;
    expect(tooBig).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^record_too_large/) });
    const halves = await (
      await push(member, [
        upsert('shops', 'BIGSHOP2', { noteA: 'a'.repeat(40_000) }),
        upsert('shops', 'BIGSHOP2', { noteB: 'b'.repeat(40_000) }),
      ])
    ).json();
    expect(halves.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected']);
    const [stored] = (await store.pull(teamId, 0, 100)).changes;
    expect(Object.keys(stored?.fields ?? {})).toEqual(['noteA']);
  });

  it('refuses a push that would take the team past its storage quota (413), and still takes deletes', async () => {
    const fill = (i: number) => upsert('shops', `FILL${i}AAAA`, { note: 'f'.repeat(30_000) });
    for (let i = 0; i < 6; i++) expect((await push(member, [fill(i)])).status).toBe(200);
    expect(await store.storedBytes(teamId)).toBeGreaterThan(180_000);
    const over = await push(member, [fill(6)]);
    expect(over.status).toBe(413);
    expect(await errorOf(over)).toMatchObject({ code: 'team_storage_full', message: expect.stringContaining('200000') });
    expect((await store.pull(teamId, 0, 100)).changes).toHaveLength(6);
    const del = { mutationId: 'm-limits-del-1', collection: 'shops', id: 'FILL0AAAA', baseVersion: 1, op: 'delete' };
    const deleted = await push(member, [del]);
    expect(await deleted.json()).toMatchObject({ results: [{ status: 'applied' }] });
    expect((await push(member, [fill(6)])).status).toBe(200);
  });

  it('caps a pull page by bytes as well as by count, whatever records a team already holds', async () => {
    // Records of ~1 MB each, as a store from before the record limit may hold them.
    for (let v = 1; v <= 10; v++) {
      await putLegacyRecord(store, teamId, {
        collection: 'shops',
        id: `LEGACY${v}`,
        version: v,
        fields: { note: 'z'.repeat(1_000_000) },
      });
    }
    const ids: string[] = [];
    let since = 0;
    for (let pages = 1; ; pages++) {
      const res = await call(`/v1/pull?since=${since}&limit=5000`, member);
      const text = await res.text();
      // The cap, plus the one record that crosses it.
      expect(text.length).toBeLessThan(PULL_PAGE_LIMIT_BYTES + 1_000_100);
      const page = JSON.parse(text) as { changes: { id: string }[]; next: number; more: boolean };
      ids.push(...page.changes.map((c) => c.id));
      since = page.next;
      if (!page.more) break;
      expect(pages).toBeLessThan(10);
    }
    expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `LEGACY${i + 1}`));
    const first = await store.records(teamId, 'shops', 0, 1000);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(10);
  });

  it('serves the calendar feed around records that are still odd, and keeps its secret out of the logs', async () => {
    const writer = (await store.authenticate(member)) as NonNullable<Awaited<ReturnType<Store['authenticate']>>>;
    // Written past the HTTP checks, as a store from before them may hold.
    await store.push(writer, {
      clientId: 'legacy-client-1',
      mutations: [
        upsert('authorizations', 'ODD1', { ...AUTH, expiresAt: 1e20 }),
        upsert('authorizations', 'ODD2', { ...AUTH, serviceName: { nested: ['object'] } }),
        upsert('authorizations', 'ODD3', { ...AUTH, expiresAt: '2026-12-05' }),
        upsert('authorizations', 'GOOD', AUTH),
      ] as never,
    });
    const { url } = await (await call('/v1/calendar', owner, { method: 'POST' })).json();
    const path = new URL(url).pathname;
    const feed = await app.request(path);
    expect(feed.status).toBe(200);
    const text = (await feed.text()).replace(/\r\n[ \t]/g, '');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain('UID:GOOD@shop-access-companion');
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);

    // A real failure of the store on that path: the table it reads is gone.
    if (store.kind === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      new Database((store as Store & { path: string }).path).exec('DROP TABLE calendars').close();
    } else await (store as Store & { sql: import('postgres').Sql }).sql`DROP TABLE calendars`;
    expect((await app.request(path)).status).toBe(500);
    expect(logs.length).toBeGreaterThan(0);
    const secret = path.split('/').at(-1)?.replace('.ics', '') as string;
    expect(JSON.stringify(logs)).not.toContain(secret);
  });
});
