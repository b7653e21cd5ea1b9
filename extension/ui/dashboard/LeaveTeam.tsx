import { useState } from 'preact/hooks';

/**
 * Leave, with a second step for an owner: leaving from their last browser leaves the team with
 * no one who owns it (admins cannot remove an owner, and an invite makes a new member, never the
 * owner again), and nothing the extension does afterwards can undo that.
 */
export function LeaveTeam({ role, disabled, onLeave }: { role: string; disabled: boolean; onLeave: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={disabled} onClick={() => (role === 'owner' ? setAsking(true) : onLeave())}>
        Leave team
      </button>
    );
  }
  return (
    <div class="notice" role="alertdialog" aria-label="Leave the team you own?" data-testid="owner-leave">
      <p>
        You own this team. If this is your only browser in it and no one else is an owner, the team will have no owner once you
        leave: admins cannot remove an owner, and an invite would make you a new member, not its owner again. To keep it, first
        use "Add my other browser" under Members, then leave from this one.
      </p>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onLeave();
        }}
      >
        Leave anyway
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        Stay in the team
      </button>
    </div>
  );
}
