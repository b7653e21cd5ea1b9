// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamMember } from '../../extension/messaging';
import type { PublicConnection, SyncStatus } from '../../extension/protocol-types';
import { settle } from './settle-view';

// The dashboard's Team sync section with the background answered here: what matters is which
// database queries it keeps open, not what the background does.
const background = vi.hoisted(() => ({
  connection: null as PublicConnection | null,
  shared: 0,
  members: [] as TeamMember[],
  sent: [] as string[],
}));
const JOINED = vi.hoisted(
  (): PublicConnection => ({
    serverUrl: 'http://127.0.0.1:8787',
    teamId: 'team_1',
    teamName: 'Acme agency',
    memberId: 'mem_1',
    deviceId: 'dev_1',
    role: 'member',
    name: 'Ada',
    label: 'Chromium',
  }),
);
const preview = vi.hoisted(() => ({ calls: 0 }));

vi.mock('../../extension/messaging', async (original) => ({
  ...(await original<typeof import('../../extension/messaging')>()),
  sendMessage: async (type: string) => {
    background.sent.push(type);
    const status: SyncStatus = {
      state: background.connection ? 'synced' : 'off',
      lastSyncAt: background.connection ? Date.now() : null,
      lastError: null,
      pending: 0,
      refused: [],
      conflicts: [],
      rejected: 0,
    };
    if (type === 'syncStatus') return { connection: background.connection, status };
    if (type === 'teamMembers') return { members: background.members };
    if (type === 'syncLeave') {
      background.connection = null;
      return { serverTold: true };
    }
    if (type === 'teamAudit') return { entries: [] };
    if (type === 'syncJoin') {
      background.connection = JOINED;
      return { ...JOINED, shared: background.shared };
    }
    return undefined;
  },
}));

vi.mock('../../extension/sync/team-records', async (original) => {
  const real = await original<typeof import('../../extension/sync/team-records')>();
  return {
    ...real,
    joinPreview: (...args: Parameters<typeof real.joinPreview>) => {
      preview.calls++;
      return real.joinPreview(...args);
    },
  };
});

const { TeamSync } = await import('../../extension/ui/dashboard/TeamSync');

const INVITE = 'http://127.0.0.1:8787/join#inv_AbCdEfGhIjKlMnOpQrStUvWxYz012345-_';
let root: HTMLElement;

/** Types into a field of the form as a person does: the value, then the input event the form listens to. */
async function typeInto(selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  preview.calls = 0;
  background.members = [];
  background.sent = [];
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the Team sync section of the dashboard', () => {
  it('once joined, keeps no query over every record key open (each pulled change would re-run it)', async () => {
    background.connection = {
      serverUrl: 'http://127.0.0.1:8787',
      teamId: 'team_1',
      memberId: 'mem_1',
      deviceId: 'dev_1',
      role: 'member',
      name: 'Ada',
      label: 'Chromium',
    };
    await act(() => render(<TeamSync />, root));
    await settle();
    expect(root.querySelector('[data-testid="sync-state"]')?.textContent).toContain('Synced');
    expect(preview.calls).toBe(0);
  });

  it('before joining, counts what would leave the browser only once an invite link is pasted', async () => {
    background.connection = null;
    await act(() => render(<TeamSync />, root));
    await settle();
    expect(root.querySelector('#join-invite')).not.toBeNull();
    expect(preview.calls).toBe(0);
    expect(root.querySelector('[data-testid="join-shares"]')).toBeNull();

    await typeInto('#join-invite', INVITE);
    await settle();
    expect(preview.calls).toBeGreaterThan(0);
    expect(root.querySelector('[data-testid="join-shares"]')?.textContent).toContain(
      "Joining sends this browser's records to 127.0.0.1:8787",
    );
  });

  it('says after Join what it sent from this browser, under the status line where it is seen', async () => {
    for (const [shared, said] of [
      [0, 'Joined. Nothing from this browser was sent; what you record from now on is shared.'],
      [1, 'Joined. 1 record from this browser is being shared with the team.'],
      [4001, 'Joined. 4,001 records from this browser are being shared with the team.'],
    ] as const) {
      background.connection = null;
      background.shared = shared;
      await act(() => render(<TeamSync key={shared} />, root));
      await settle();
      await typeInto('#join-invite', INVITE);
      await typeInto('#join-name', 'Ada');
      await act(() => {
        root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
      });
      await settle();
      const message = root.querySelector('[data-testid="sync-state"] + [role="status"]');
      expect(message?.textContent).toContain(said);
      // Which team, by name: two teams on one server look alike otherwise.
      expect(root.textContent).toContain('Ada (member) in "Acme agency" on http://127.0.0.1:8787');
      render(null, root);
    }
  });

  it('counts what Join sends in words, and says records kept from a team left go back to it if it is the same team', async () => {
    const { db } = await import('../../extension/db/database');
    await db.shops.put({
      shopCode: 'USLCQPEV3N',
      name: 'Maple & Moss Home',
      region: 'US',
      sellerType: 'local',
      sellerCenterHost: 'seller-us.tiktok.com',
      standardCode: true,
      firstSeenAt: 1,
      lastSeenAt: 1,
    });
    await db.syncState.put({
      key: 'leftTeam',
      value: { serverUrl: 'http://127.0.0.1:8787', teamId: 'team_0', keys: ['shops\u0000USLCQPEV3N'] },
    });
    try {
      background.connection = null;
      await act(() => render(<TeamSync />, root));
      await settle();
      await typeInto('#join-invite', INVITE);
      await settle();
      const shares = root.querySelector('[data-testid="join-shares"]')?.textContent ?? '';
      expect(shares).toContain(': none yet');
      expect(shares).toContain('Also share the 1 record kept from the team you left on 127.0.0.1:8787');
      expect(shares).toContain('if this invite is for that same team, they are its records and go to it either way');
      const box = root.querySelector<HTMLInputElement>('label.check input[type="checkbox"]');
      if (!box) throw new Error('no share checkbox');
      await act(() => {
        box.click();
      });
      await settle();
      expect(root.querySelector('li[data-kind="shops"]')?.textContent).toBe('1 shop');
    } finally {
      await db.shops.clear();
      await db.syncState.delete('leftTeam');
    }
  });

  it('shows a member who left from every browser with the role they keep, and offers Remove only where the server allows it', async () => {
    const device = (role: string, revokedAt: number | null) => ({
      deviceId: `d_${role}`,
      label: 'Chromium',
      role,
      lastSeenAt: 1,
      revokedAt,
    });
    background.members = [
      { memberId: 'mem_1', name: 'Ada', removedAt: null, devices: [device('admin', null)] },
      { memberId: 'mem_2', name: 'Olu', removedAt: null, devices: [device('owner', 5)] },
      { memberId: 'mem_3', name: 'Kim', removedAt: null, devices: [device('member', null)] },
    ];
    background.connection = { ...JOINED, role: 'admin' };
    render(<TeamSync />, root);
    await settle();
    const row = (name: string) => root.querySelector(`[data-member="${name}"]`) as HTMLElement;
    // Before: the browserless owner had no role shown, and a Remove the server refuses (403).
    expect(row('Olu').textContent).toContain('owner');
    expect(row('Olu').textContent).toContain('none');
    expect(row('Olu').querySelector('button')).toBeNull();
    expect(row('Kim').querySelector('button')?.textContent).toBe('Remove');
    expect(row('Ada').querySelector('button')).toBeNull();
  });

  it('asks an owner to confirm Leave, saying what the team loses, and leaves only on "Leave anyway"', async () => {
    const leave = () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Leave team') as HTMLButtonElement;
    background.connection = { ...JOINED, role: 'owner' };
    render(<TeamSync />, root);
    await settle();
    await act(() => leave().click());
    const asking = root.querySelector('[data-testid="owner-leave"]') as HTMLElement;
    expect(asking.textContent).toContain('the team will have no owner');
    expect(background.sent).not.toContain('syncLeave');
    await act(() => (asking.querySelectorAll('button')[1] as HTMLButtonElement).click());
    expect(root.querySelector('[data-testid="owner-leave"]')).toBeNull();
    expect(background.sent).not.toContain('syncLeave');
    await act(() => leave().click());
    await act(() => (root.querySelector('[data-testid="owner-leave"] button') as HTMLButtonElement).click());
    await settle();
    expect(background.sent).toContain('syncLeave');
    expect(root.textContent).toContain('Left the team; your records stay here.');
    // A member leaves in one click.
    render(null, root);
    background.sent = [];
    background.connection = { ...JOINED, role: 'member' };
    render(<TeamSync />, root);
    await settle();
    await act(() => leave().click());
    await settle();
    expect(background.sent).toContain('syncLeave');
  });
});
