import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../server/store/sqlite';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'sac-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm run team -- ...` as an operator types it, on a real SQLite file. */
async function team(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'team', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, PUBLIC_URL: 'https://sync.example.test' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run team', () => {
  it('prints an invite link for the second member (an operator needs no HTTP request), refusing bad input in words', async () => {
    const created = JSON.parse((await team('create', '--name', 'Agency B', '--json')).stdout);
    const out = JSON.parse((await team('invite', '--team', created.teamId, '--role', 'viewer', '--uses', '2', '--json')).stdout);
    expect(out).toEqual({
      invite: expect.stringMatching(/^https:\/\/sync\.example\.test\/join#inv_/),
      inviteId: expect.stringMatching(/^[0-9a-f]{64}$/),
      role: 'viewer',
      maxUses: 2,
      expiresAt: expect.any(Number),
    });
    const human = await team('invite', '--team', created.teamId);
    expect(human.stdout).toContain('Invite for a member (1 use, until');
    expect(human.stdout).toContain('Paste it in the extension: dashboard > Settings > Team sync.');
    const store = openSqliteStore(dir);
    try {
      expect(await store.redeemInvite(out.invite.split('#')[1], 'reader', 'Ria')).toMatchObject({ role: 'viewer' });
    } finally {
      await store.close();
    }
    for (const [args, message] of [
      [['--role', 'owner'], '--role must be admin, member or viewer'],
      [['--uses', '0'], '--uses must be a whole number from 1 to 100'],
      [['--days', '90'], '--days must be more than 0 and at most 30'],
    ] as const) {
      const refused = await team('invite', '--team', created.teamId, ...args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
      expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    const noTeam = await team('invite', '--team', 'no-such-team');
    expect(noTeam).toMatchObject({ code: 2, stderr: expect.stringContaining('no team no-such-team') });
  });

  it('creates a team with an owner invite, mints tokens for a new or existing member, and revokes them', async () => {
    const created = JSON.parse((await team('create', '--name', 'Agency A', '--json')).stdout);
    expect(created).toEqual({
      teamId: expect.any(String),
      invite: expect.stringMatching(/^https:\/\/sync\.example\.test\/join#inv_/),
    });
    const first = JSON.parse(
      (await team('token', '--team', created.teamId, '--role', 'member', '--label', 'Eli', '--json')).stdout,
    );
    expect(first).toEqual({ token: expect.stringMatching(/^sac_/), deviceId: expect.any(String), memberId: expect.any(String) });
    const second = JSON.parse(
      (await team('token', '--team', created.teamId, '--member', first.memberId, '--label', 'Eli firefox', '--json')).stdout,
    );
    expect(second.memberId).toBe(first.memberId);
    expect(JSON.parse((await team('revoke', '--team', created.teamId, '--device', first.deviceId, '--json')).stdout)).toEqual({
      revoked: true,
    });

    const store = openSqliteStore(dir);
    try {
      expect(await store.authenticate(first.token)).toBeNull();
      expect(await store.authenticate(second.token)).toMatchObject({
        teamId: created.teamId,
        role: 'member',
        memberId: first.memberId,
      });
      expect(await store.redeemInvite(created.invite.split('#')[1], 'owner browser', 'Olu')).toMatchObject({ role: 'owner' });
    } finally {
      await store.close();
    }
  });

  it('says what is wrong, with a non-zero exit, and never a stack trace', async () => {
    const noName = await team('create');
    expect(noName).toMatchObject({ code: 2, stderr: expect.stringContaining('create needs --name NAME') });
    const badRole = await team('token', '--team', 'x', '--role', 'boss');
    expect(badRole.stderr).toContain('--role must be one of owner, admin, member, viewer');
    const noTeam = await team('token', '--team', 'no-such-team');
    expect(noTeam).toMatchObject({ code: 2, stderr: expect.stringContaining('no team no-such-team') });
    expect(noTeam.stderr).not.toMatch(/\n\s+at /);
  });
});
