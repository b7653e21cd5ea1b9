import { useEffect, useState } from 'preact/hooks';
import { isManager, isRole, mayRemove, memberRole } from '../../../shared/team-roles';
import { sendMessage, type TeamInvite, type TeamMember } from '../../messaging';
import type { PublicConnection } from '../../protocol-types';
import { ago } from '../sync-text';
import { OpenInvites } from './OpenInvites';

/**
 * Who is in the team, with their browsers; admins invite and remove members (removing one
 * signs out every browser of theirs at once), and anyone can invite their own other browser.
 */
export function TeamMembers({ connection }: { connection: PublicConnection }) {
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  const [invite, setInvite] = useState<(TeamInvite & { forBrowser: boolean }) | null>(null);
  const [calendar, setCalendar] = useState<string | null>(null);
  const [role, setRole] = useState<'member' | 'viewer' | 'admin'>('member');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const yourRole = isRole(connection.role) ? connection.role : 'viewer';
  const manager = isManager(yourRole);

  const load = () =>
    sendMessage('teamMembers')
      .then(({ members }) => setMembers(members.filter((m) => m.removedAt === null)))
      .catch((error: Error) => setMessage({ text: `Could not list the team: ${error.message}`, error: true }));
  useEffect(() => void load(), []);

  const act = async (run: () => Promise<unknown>, done?: string) => {
    setMessage(null);
    try {
      await run();
      if (done) setMessage({ text: done, error: false });
    } catch (error) {
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true });
    }
    await load();
  };

  return (
    <section data-testid="team-members" aria-label="Team members">
      <h3>Members</h3>
      {members === null ? (
        <p class="muted">Loading...</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Member</th>
              <th>Browsers (last seen)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const active = m.devices.filter((d) => d.revokedAt === null);
              const you = m.memberId === connection.memberId;
              // A member whose browsers all left keeps their role: an owner with none is still the owner.
              const role = memberRole(m.devices);
              return (
                <tr key={m.memberId} data-member={m.name}>
                  <td>
                    {m.name}
                    {you ? ' (you)' : ''} <span class="muted">{role ?? ''}</span>
                  </td>
                  <td class="muted">{active.map((d) => `${d.label} (${ago(d.lastSeenAt)})`).join(', ') || 'none'}</td>
                  <td>
                    {!you && mayRemove(yourRole, role) && (
                      <button
                        type="button"
                        onClick={() =>
                          act(
                            () => sendMessage('teamRemoveMember', { memberId: m.memberId }),
                            `${m.name} removed: every browser of theirs is signed out.`,
                          )
                        }
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        {manager && (
          <>
            <select
              value={role}
              aria-label="Role for the invite"
              onChange={(e) => setRole((e.target as HTMLSelectElement).value as typeof role)}
            >
              <option value="member">member</option>
              <option value="viewer">viewer (reads only)</option>
              <option value="admin">admin</option>
            </select>{' '}
            <button
              type="button"
              onClick={() => act(async () => setInvite({ ...(await sendMessage('teamInvite', { role })), forBrowser: false }))}
            >
              Invite someone
            </button>{' '}
          </>
        )}
        <button
          type="button"
          onClick={() => act(async () => setInvite({ ...(await sendMessage('teamBrowserInvite')), forBrowser: true }))}
        >
          Add my other browser
        </button>
      </p>
      {manager && (
        <p>
          <button
            type="button"
            onClick={() => act(async () => setCalendar((await sendMessage('teamCalendar', { action: 'rotate' })).url ?? null))}
          >
            {calendar ? 'New calendar link (stops the old one)' : 'Calendar feed of expiries'}
          </button>{' '}
          {calendar && (
            <button
              type="button"
              onClick={() =>
                act(async () => {
                  await sendMessage('teamCalendar', { action: 'revoke' });
                  setCalendar(null);
                }, 'Calendar link stopped.')
              }
            >
              Stop calendar link
            </button>
          )}
        </p>
      )}
      {calendar && (
        <p data-testid="calendar-link">
          Subscribe in Google Calendar, Outlook or Apple Calendar (anyone with this link sees the team's expiries):{' '}
          <code>{calendar}</code>{' '}
          <button type="button" onClick={() => void navigator.clipboard.writeText(calendar)}>
            Copy
          </button>
        </p>
      )}
      {manager && <OpenInvites refresh={invite?.expiresAt ?? 0} />}
      {invite && (
        <p data-testid="invite-link">
          {invite.forBrowser ? 'Paste in your other browser' : `Send to the new ${invite.role}`} (single use, until{' '}
          {new Date(invite.expiresAt).toLocaleString()}): <code>{invite.invite}</code>{' '}
          <button type="button" onClick={() => void navigator.clipboard.writeText(invite.invite)}>
            Copy
          </button>
        </p>
      )}
      {message && (
        <p class={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
