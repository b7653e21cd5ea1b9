import { useEffect, useState } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { type SyncView, sendMessage } from '../messaging';
import { ago, SYNC_STATE_TEXT } from './sync-text';

/** One line in the popup: is this browser sharing with its team, and is anything waiting. */
export function SyncLine() {
  const [view, setView] = useState<SyncView | null>(null);
  useEffect(() => {
    const refresh = () => void sendMessage('syncStatus').then(setView);
    refresh();
    return storage.watch('local:syncStatus', refresh);
  }, []);
  if (!view) return null;
  const { connection, status } = view;
  if (!connection)
    return (
      <p class="muted" data-testid="sync-line">
        Team sync is off: join a team in the dashboard's Settings.
      </p>
    );
  const trouble = status.state === 'offline' || status.state === 'revoked' || status.state === 'paused';
  return (
    <p class={trouble ? 'error' : 'muted'} data-testid="sync-line">
      Team: {SYNC_STATE_TEXT[status.state]}
      {status.state === 'synced' ? ` ${ago(status.lastSyncAt)}` : ''}; {status.pending} waiting. {connection.name} on{' '}
      {new URL(connection.serverUrl).host}.
    </p>
  );
}
