import { useEffect, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { parseInviteLink } from '../../../shared/sync-protocol';
import { db } from '../../db/database';
import { type SyncView, sendMessage } from '../../messaging';
import { CONSENT_REFUSED, consentToShareWithTeam } from '../../platform/data-consent';
import { joinPreview } from '../../sync/team-records';
import { FormField, fieldErrorsOf } from '../form-field';
import { ago, SYNC_STATE_TEXT } from '../sync-text';
import { useLiveQuery } from '../use-live-query';
import { LeaveTeam } from './LeaveTeam';
import { OverruledChanges } from './OverruledChanges';
import { TeamActivity } from './TeamActivity';
import { TeamMembers } from './TeamMembers';

/** Joining a team with an invite link, and what sync is doing; updates as the background syncs. */
export function TeamSync() {
  const [view, setView] = useState<SyncView | null>(null);
  const [draft, setDraft] = useState({ invite: '', name: '', label: defaultLabel() });
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [sharePrevious, setSharePrevious] = useState(false);

  useEffect(() => {
    const refresh = () => void sendMessage('syncStatus').then(setView);
    refresh();
    // The background writes its status to storage; follow it instead of polling.
    const unwatch = storage.watch('local:syncStatus', refresh);
    const tick = setInterval(refresh, 10_000);
    return () => {
      unwatch();
      clearInterval(tick);
    };
  }, []);

  const act = async <T,>(run: () => Promise<T>, done: string | ((result: T) => string)) => {
    setBusy(true);
    setMessage(null);
    setProblems({});
    try {
      const result = await run();
      setMessage({ text: typeof done === 'string' ? done : done(result), error: false });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setProblems(fields);
      // Said beside the field it concerns; the form-level line only for what no field owns.
      const text = error instanceof Error ? error.message : String(error);
      setMessage({ text: Object.keys(fields).length ? 'Not joined: see the fields marked above.' : text, error: true });
    } finally {
      setBusy(false);
      setView(await sendMessage('syncStatus'));
    }
  };

  if (!view) return <p class="muted">Loading...</p>;
  const { connection, status } = view;
  const field = (key: keyof typeof draft, label: string, placeholder = '') => (
    <FormField
      id={`join-${key}`}
      label={label}
      value={draft[key]}
      placeholder={placeholder}
      error={problems[key]}
      // An invite link is long: let the member see what they pasted.
      wide={key === 'invite'}
      onInput={(value) => setDraft({ ...draft, [key]: value })}
    />
  );

  // Joined, the answer goes under the status line: below the members and the activity it would be out of sight.
  const said = message && (
    <p class={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
  return (
    <section data-testid="team-sync" aria-label="Team sync">
      <h2>Team sync</h2>
      {connection ? (
        <>
          <p
            data-testid="sync-state"
            class={status.state === 'revoked' || status.state === 'offline' || status.state === 'paused' ? 'error' : ''}
          >
            {SYNC_STATE_TEXT[status.state]}
            {status.state === 'synced' ? ` ${ago(status.lastSyncAt)}` : ''}
          </p>
          {said}
          <p class="muted">
            {connection.name} ({connection.role}) {connection.teamName ? `in "${connection.teamName}" ` : ''}on{' '}
            {connection.serverUrl}, this browser as "{connection.label}".{' '}
            <span data-testid="sync-pending">{status.pending} change(s) waiting to be sent.</span>
          </p>
          {status.lastError && <p class="error">{status.lastError}</p>}
          {status.rejected > 0 && <p class="error">{status.rejected} change(s) were refused by the server and set aside.</p>}
          {status.refused.length > 0 && (
            <p class="error">
              Not stored (invalid, from the team): {status.refused.slice(0, 3).join('; ')}
              {status.refused.length > 3 ? ` and ${status.refused.length - 3} more` : ''}
            </p>
          )}
          {status.setAside && status.setAside.length > 0 && (
            <ul class="error" data-testid="sync-set-aside">
              {status.setAside.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <OverruledChanges conflicts={(status.conflicts ?? []).filter((c) => typeof c === 'object')} onChange={setView} />
          <button type="button" disabled={busy} onClick={() => act(() => sendMessage('syncNow'), 'Synced.')}>
            Sync now
          </button>{' '}
          <LeaveTeam
            role={connection.role}
            disabled={busy}
            onLeave={() =>
              act(
                () => sendMessage('syncLeave'),
                ({ serverTold }) =>
                  serverTold
                    ? 'Left the team; your records stay here.'
                    : "Left the team; your records stay here. The team's server could not be reached, so it still lists this browser: ask an admin to remove it under Members.",
              )
            }
          />
          {status.state !== 'revoked' && <TeamMembers connection={connection} />}
          {status.state !== 'revoked' && <TeamActivity />}
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void act(async () => {
              // A form the background will refuse (its fields say why) sends nothing: no need to ask.
              const sendable = parseInviteLink(draft.invite) !== null && draft.name.trim() !== '';
              if (sendable && !(await consentToShareWithTeam())) throw new Error(CONSENT_REFUSED);
              return sendMessage('syncJoin', { ...draft, sharePrevious });
            }, joinedText);
          }}
        >
          <p class="muted">
            {SYNC_STATE_TEXT.off} Paste the invite link your team's admin sent you to share shops, requests and expiries.
          </p>
          {field('invite', 'Invite link', 'https://sync.example.com/join#inv_...')}
          {field('name', 'Your name (as your team sees it)')}
          {field('label', 'This browser')}
          <JoinShares invite={draft.invite} sharePrevious={sharePrevious} onShare={setSharePrevious} />
          <button type="submit" disabled={busy}>
            Join team
          </button>
        </form>
      )}
      {!connection && said}
    </section>
  );
}

/** What Join did, in words: what it sends depends on what this browser holds and what the person ticked. */
function joinedText({ shared }: { shared: number }): string {
  const arriving = "The team's records are arriving; the line above says when they are all here.";
  if (shared === 0) return `Joined. Nothing from this browser was sent; what you record from now on is shared. ${arriving}`;
  const records =
    shared === 1 ? '1 record from this browser is' : `${shared.toLocaleString('en-US')} records from this browser are`;
  return `Joined. ${records} being shared with the team. ${arriving}`;
}

function defaultLabel(): string {
  const firefox = navigator.userAgent.includes('Firefox');
  const platform = /Mac/.test(navigator.userAgent) ? 'Mac' : /Windows/.test(navigator.userAgent) ? 'Windows' : 'Linux';
  return `${firefox ? 'Firefox' : 'Chrome'} on ${platform}`;
}

/**
 * Before Join: where the records go and how many of each kind, so pressing Join is informed
 * consent. Records kept from a team this browser left are counted apart and stay unless ticked.
 */
function JoinShares({
  invite,
  sharePrevious,
  onShare,
}: {
  invite: string;
  sharePrevious: boolean;
  onShare: (share: boolean) => void;
}) {
  const link = parseInviteLink(invite);
  return link ? <JoinSharesTo serverUrl={link.serverUrl} sharePrevious={sharePrevious} onShare={onShare} /> : null;
}

/**
 * The counts read every record key, again at every change: only while an invite is pasted and
 * not yet joined (a joined dashboard that kept this query slowed every pulled change by ~50 ms).
 */
function JoinSharesTo({
  serverUrl,
  sharePrevious,
  onShare,
}: {
  serverUrl: string;
  sharePrevious: boolean;
  onShare: (share: boolean) => void;
}) {
  const preview = useLiveQuery(() => joinPreview(db)).value;
  if (!preview) return null;
  const host = new URL(serverUrl).host;
  const previous = preview.kinds.reduce((sum, k) => sum + k.fromLeftTeam, 0);
  const sent = preview.kinds
    .map((k) => ({ ...k, count: sharePrevious ? k.all : k.all - k.fromLeftTeam }))
    .filter((k) => k.count > 0);
  return (
    <div data-testid="join-shares">
      <p>
        Joining sends this browser's records to <strong>{host}</strong>
        {sent.length === 0 ? ': none yet (what you record from now on is shared).' : ':'}
      </p>
      {sent.length > 0 && (
        <ul>
          {sent.map((k) => (
            <li key={k.collection} data-kind={k.collection}>
              {k.count} {k.count === 1 ? k.one : k.name}
            </li>
          ))}
        </ul>
      )}
      {previous > 0 && preview.leftTeam && (
        <label class="check">
          <input type="checkbox" checked={sharePrevious} onChange={(e) => onShare((e.target as HTMLInputElement).checked)} />
          <span>
            Also share the {previous === 1 ? '1 record' : `${previous} records`} kept from the team you left on{' '}
            {new URL(preview.leftTeam.serverUrl).host}
            {new URL(preview.leftTeam.serverUrl).host === host
              ? ' (if this invite is for that same team, they are its records and go to it either way)'
              : ''}
          </span>
        </label>
      )}
      <p class="muted">Pressing Join team sends them; nothing leaves this browser before.</p>
    </div>
  );
}
