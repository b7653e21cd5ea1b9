import { useState } from 'preact/hooks';
import { isWaiting } from '../../../shared/access-methods';
import { sellerApprovalMessage } from '../../../shared/seller-approval';
import type { RejectedCandidate } from '../../../shared/shop-code';
import { db } from '../../db/database';
import { sendMessage } from '../../messaging';
import { copyText } from '../clipboard';
import { useLiveQuery } from '../use-live-query';

const STATUS = {
  queued: 'Queued',
  pending: 'Pending approval',
  approved: 'Approved',
  expired: 'Expired',
  failed: 'Not sent',
  removed: 'Removed',
} as const;

/** Paste shop codes from anywhere, and follow every access request sent from Business Center. */
export function AccessRequests() {
  const requests = useLiveQuery(() => db.accessRequests.toArray()).value;
  const [text, setText] = useState('');
  const [intake, setIntake] = useState<{ added: string[]; rejected: RejectedCandidate[] } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const now = Date.now();
  return (
    <>
      <h2>Paste shop codes</h2>
      <p class="muted">
        An e-mail, a spreadsheet column, a CSV: valid codes are kept and offered on Business Center's Shops page.
      </p>
      <textarea
        aria-label="Paste shop codes"
        rows={4}
        style={{ width: '100%' }}
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <p>
        <button type="button" onClick={async () => setIntake(await sendMessage('addIntake', { text }))}>
          Add codes
        </button>
      </p>
      {intake && (
        <div data-testid="intake-result">
          <p>Added: {intake.added.length ? intake.added.join(', ') : 'none'}</p>
          {intake.rejected.length > 0 && (
            <ul>
              {intake.rejected.map((r) => (
                <li key={r.candidate}>
                  <span class="code">{r.candidate}</span>: {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <h2>Access requests from Business Center</h2>
      {!requests?.length ? (
        <p class="empty">None yet. Open Business Center &gt; Assets &gt; Shops with the extension.</p>
      ) : (
        <table data-testid="access-requests">
          <thead>
            <tr>
              <th>Business Center</th>
              <th>Shop code</th>
              <th>Status</th>
              <th>Requested</th>
              <th>Resent</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td class="muted">{r.businessCenterId}</td>
                <td class="code">{r.shopCode}</td>
                <td>
                  {isWaiting(r, now) ? 'Waiting on the seller' : STATUS[r.status]}
                  {r.lastError && <div class="error">TikTok said: {r.lastError}</div>}
                </td>
                <td class="muted">{r.requestedAt ? new Date(r.requestedAt).toLocaleString() : '-'}</td>
                <td class="muted">{r.resends.length || '-'}</td>
                <td class="actions">
                  {r.status === 'pending' && (
                    <button
                      type="button"
                      onClick={async () =>
                        setCopied(
                          (await copyText(sellerApprovalMessage({ shopCode: r.shopCode, approvalLink: r.approvalLink })))
                            ? r.id
                            : null,
                        )
                      }
                    >
                      {copied === r.id ? 'Copied' : 'Copy message for seller'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
