import { useEffect, useState } from 'preact/hooks';
import { db } from '../../db/database';
import { sendMessage } from '../../messaging';
import type { PublicConnection } from '../../protocol-types';
import { forgetHeldRecords, type HeldRecords, heldRecords } from '../../sync/team-records';
import { useLiveQuery } from '../use-live-query';

/**
 * After joining another team without sharing them, the records kept from the team left are still
 * here, mixed with the new team's in every list. Says so on every tab, and removes them from this
 * browser when asked (the new team never had them: nothing is sent).
 */
export function HeldRecordsNotice() {
  const [connection, setConnection] = useState<PublicConnection | null>(null);
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void sendMessage('syncStatus').then((view) => setConnection(view.connection));
  }, []);
  // Watched live: only the note of the team left (one key, rewritten when a pulled page takes some
  // of its records). Counting reads every record key: a live query over them would run again for
  // every page a join stores.
  const left = useLiveQuery(() => db.syncState.get('leftTeam')).value;
  const [held, setHeld] = useState<HeldRecords | null>(null);
  useEffect(() => {
    if (!connection) return;
    let current = true;
    void heldRecords(db, connection).then((found) => current && setHeld(found));
    return () => {
      current = false;
    };
  }, [connection, left]);
  if (said) {
    return (
      <p class={said.error ? 'error' : 'muted'} role={said.error ? 'alert' : 'status'} data-testid="held-records">
        {said.text}
      </p>
    );
  }
  if (!held || !connection) return null;
  const records = held.count === 1 ? '1 record' : `${held.count} records`;
  return (
    <div class="notice" data-testid="held-records">
      <p>
        {records} in this browser {held.count === 1 ? 'is' : 'are'} kept from the team on {held.fromHost}, which this browser
        left. {connection.teamName ? `"${connection.teamName}"` : 'The team you are in'} does not have{' '}
        {held.count === 1 ? 'it' : 'them'}, and {held.count === 1 ? 'it is' : 'they are'} not sent to it.
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const removed = await forgetHeldRecords(db, connection);
            setSaid({
              text: `Removed ${removed === 1 ? '1 record' : `${removed} records`} kept from the team you left.`,
              error: false,
            });
          } catch (error) {
            setSaid({
              text: `Nothing was removed: ${error instanceof Error ? error.message : String(error)}. Try again.`,
              error: true,
            });
          } finally {
            setBusy(false);
          }
        }}
      >
        Remove them from this browser
      </button>
    </div>
  );
}
