/**
 * Operators' and tests' door to the store, without the HTTP server:
 *   npm run team -- create --name "Agency A" --json      -> {"teamId", "invite"} (the owner's first invite)
 *   npm run team -- token --team ID --role member --json  -> {"token", "deviceId", "memberId"}
 *     (--label NAME names the new member and device; --member ID adds a device to that member)
 *   npm run team -- invite --team ID --role member [--uses N] [--days N] --json  -> {"invite", "inviteId", "expiresAt"}
 *   npm run team -- revoke --team ID --device ID
 * Uses DATABASE_URL (PostgreSQL) or DATA_DIR (SQLite), like the server.
 */
import { parseArgs } from 'node:util';
import { readConfig } from './config';
import { inviteLink } from './routes/invites';
import { openStore } from './store/open';
import { ROLES, type Role } from './store/store';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    team: { type: 'string' },
    role: { type: 'string', default: 'member' },
    device: { type: 'string' },
    member: { type: 'string' },
    label: { type: 'string', default: 'cli' },
    json: { type: 'boolean', default: false },
    uses: { type: 'string', default: '1' },
    days: { type: 'string', default: '7' },
  },
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const config = readConfig();
const store = await openStore(config);
try {
  const command = positionals[0];
  if (command === 'create') {
    if (!values.name?.trim()) fail('create needs --name NAME');
    const { teamId } = await store.createTeam(values.name.trim());
    const { code } = await store.createInvite(teamId, 'owner', { maxUses: 1, expiresAt: Date.now() + 7 * 86_400_000 });
    const out = { teamId, invite: inviteLink(config.publicUrl, code) };
    process.stdout.write(
      values.json ? `${JSON.stringify(out)}\n` : `Team ${teamId} created.\nOwner's invite (single use, 7 days): ${out.invite}\n`,
    );
  } else if (command === 'token') {
    if (!values.team) fail('token needs --team ID');
    if (!(ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
    const { token, deviceId, memberId } = await store
      .createDeviceToken(values.team, values.role as Role, values.label, values.member)
      .catch(() => fail(values.member ? `no member ${values.member} in team ${values.team}` : `no team ${values.team}`));
    process.stdout.write(values.json ? `${JSON.stringify({ token, deviceId, memberId })}\n` : `${token}\n`);
  } else if (command === 'invite') {
    // The second member's way in, without crafting an HTTP request: an invite link to paste in Settings.
    if (!values.team) fail('invite needs --team ID');
    const role = values.role;
    if (!(['admin', 'member', 'viewer'] as const).includes(role as 'member')) {
      fail('--role must be admin, member or viewer (an owner is made with create)');
    }
    const uses = Number(values.uses);
    const days = Number(values.days);
    if (!Number.isInteger(uses) || uses < 1 || uses > 100) fail('--uses must be a whole number from 1 to 100');
    if (!(days > 0 && days <= 30)) fail('--days must be more than 0 and at most 30');
    const expiresAt = Date.now() + Math.round(days * 86_400_000);
    const { code, inviteId } = await store
      .createInvite(values.team, role as Role, { maxUses: uses, expiresAt })
      .catch(() => fail(`no team ${values.team}`));
    const invite = inviteLink(config.publicUrl, code);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ invite, inviteId, role, maxUses: uses, expiresAt })}\n`
        : `Invite for a ${role} (${uses} use${uses === 1 ? '' : 's'}, until ${new Date(expiresAt).toISOString()}):\n${invite}\nPaste it in the extension: dashboard > Settings > Team sync.\n`,
    );
  } else if (command === 'revoke') {
    if (!values.team || !values.device) fail('revoke needs --team ID --device ID');
    const revoked = await store.revokeDevice(values.team, values.device);
    process.stdout.write(values.json ? `${JSON.stringify({ revoked })}\n` : revoked ? 'revoked\n' : 'no such active device\n');
  } else {
    fail(
      'usage: team create --name NAME [--json] | invite --team ID --role admin|member|viewer [--uses N] [--days N] [--json] | token --team ID --role ROLE [--json] | revoke --team ID --device ID',
    );
  }
} finally {
  await store.close();
}
