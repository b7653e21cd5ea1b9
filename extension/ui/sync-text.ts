import type { SyncStatus } from '../protocol-types';

export const SYNC_STATE_TEXT: Record<SyncStatus['state'], string> = {
  off: 'Not syncing: this browser keeps its own copy.',
  syncing: 'Syncing...',
  synced: 'Synced',
  offline: 'Server unreachable: changes are kept and sent when it answers.',
  revoked: 'Removed from the team',
  paused: 'Paused: nothing is sent to the team until Firefox allows it again.',
};

export function ago(at: number | null, now = Date.now()): string {
  if (at === null) return 'never';
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  return seconds < 60 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}
