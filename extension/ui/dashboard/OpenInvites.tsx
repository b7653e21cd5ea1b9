import { useEffect, useState } from 'preact/hooks';
import { type OpenInvite, sendMessage } from '../../messaging';

/** An invite that can still be redeemed: not revoked, not expired, not used up. */
function isOpen(invite: OpenInvite, now: number): boolean {
  return invite.revokedAt === null && invite.expiresAt > now && (invite.maxUses === null || invite.uses < invite.maxUses);
}

/**
 * The team's open invites, with who made them, for an admin to revoke: a link sent to the wrong
 * person, or never used, should not stay a way into the team. `refresh` changes when one is made.
 */
export function OpenInvites({ refresh }: { refresh: number }) {
  const [invites, setInvites] = useState<OpenInvite[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const load = () =>
    sendMessage('teamInvites')
      .then(({ invites }) => setInvites(invites.filter((i) => isOpen(i, Date.now()))))
      .catch((error: Error) =>
        setMessage({ text: `Could not list the open invites: ${error.message} Try again in a moment.`, error: true }),
      );
  useEffect(() => void load(), [refresh]);

  const revoke = async (invite: OpenInvite) => {
    setMessage(null);
    try {
      await sendMessage('teamRevokeInvite', { inviteId: invite.inviteId });
      // Gone from the list in the same render that says so, not one round-trip later.
      setInvites((open) => open?.filter((i) => i.inviteId !== invite.inviteId) ?? null);
      setMessage({ text: `The ${invite.role} invite is revoked: its link no longer works.`, error: false });
    } catch (error) {
      setMessage({ text: `Could not revoke it: ${(error as Error).message}`, error: true });
    }
    await load();
  };

  return (
    <div data-testid="open-invites">
      <h3>Open invites</h3>
      {invites === null ? (
        <p class="muted">Loading...</p>
      ) : invites.length === 0 ? (
        <p class="muted">No open invites.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Role</th>
              <th>Made by</th>
              <th>Used</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.inviteId} data-invite={invite.inviteId}>
                <td>
                  {invite.role}
                  {invite.memberId ? ' (another browser of a member)' : ''}
                </td>
                <td>{invite.createdBy ?? 'the server operator'}</td>
                <td>
                  {invite.uses} of {invite.maxUses ?? 'any number'}
                </td>
                <td>{new Date(invite.expiresAt).toLocaleString()}</td>
                <td>
                  <button type="button" onClick={() => void revoke(invite)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message && (
        <p class={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
