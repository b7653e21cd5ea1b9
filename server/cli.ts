/**
 * Operators' and tests' door to the store, without the HTTP server:
 *   npm run team -- create --name "Agency A" --json      -> {"teamId", "invite"} (the owner's first invite)
 *   npm run team -- token --team ID --role member --json  -> {"token", "deviceId", "memberId"}
 *     (--label NAME names the new member and device; --member ID adds a device to that member)
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
  } else if (command === 'revoke') {
    if (!values.team || !values.device) fail('revoke needs --team ID --device ID');
    const revoked = await store.revokeDevice(values.team, values.device);
    process.stdout.write(values.json ? `${JSON.stringify({ revoked })}\n` : revoked ? 'revoked\n' : 'no such active device\n');
  } else {
    fail('usage: team create --name NAME [--json] | token --team ID --role ROLE [--json] | revoke --team ID --device ID');
  }
} finally {
  await store.close();
}
