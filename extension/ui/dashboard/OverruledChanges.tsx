import { useState } from 'preact/hooks';
import { type SyncView, sendMessage } from '../../messaging';
import type { Overruled } from '../../protocol-types';

const RECORD_KIND: Record<string, string> = {
  shops: 'Shop',
  authorizations: 'Authorization',
  tspRequests: 'Partner request',
  partnerAccess: 'Business Center access',
  accessRequests: 'Access request',
};

const shown = (value: unknown) =>
  value === undefined ? '(empty)' : typeof value === 'string' ? `"${value}"` : JSON.stringify(value);

function when(at: number | undefined): string {
  return at === undefined ? '' : ` on ${new Date(at).toLocaleString()}`;
}

/** What a teammate's edit overruled: the losing value, who won and when, and Keep mine to re-apply it. */
export function OverruledChanges({ conflicts, onChange }: { conflicts: Overruled[]; onChange(view: SyncView): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (conflicts.length === 0) return null;
  const keep = async (index: number) => {
    setBusy(true);
    setError(null);
    try {
      onChange(await sendMessage('syncKeepMine', { index }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details data-testid="sync-conflicts" open>
      <summary>{conflicts.length} change(s) of yours were overruled by a teammate's edit</summary>
      <ul>
        {conflicts.map((o, index) => (
          <li key={`${o.collection}:${o.id}:${o.version}:${o.fields.join()}`} data-testid="sync-conflict">
            <strong>
              {RECORD_KIND[o.collection] ?? o.collection} {o.id}
            </strong>
            :{' '}
            {o.deleted
              ? `deleted by ${o.by ?? 'a teammate'}${when(o.at)} while you changed it.`
              : o.fields.length === 0
                ? `you deleted it; ${o.by ?? 'a teammate'} had changed it${when(o.at)}, so it was kept.`
                : `${o.fields
                    .map(
                      (f) => `${f}: yours ${o.cleared?.includes(f) ? '(cleared)' : shown(o.mine[f])}, kept ${shown(o.theirs[f])}`,
                    )
                    .join('; ')} (by ${o.by ?? 'a teammate'}${when(o.at)}).`}{' '}
            <button type="button" disabled={busy} onClick={() => keep(index)}>
              Keep mine
            </button>
          </li>
        ))}
      </ul>
      {error && <p class="error">{error}</p>}
    </details>
  );
}
