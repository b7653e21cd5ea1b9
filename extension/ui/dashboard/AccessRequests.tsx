import { useState } from 'preact/hooks';
import { sellerApprovalMessage } from '../../../shared/seller-approval';
import { businessCenterLabel } from '../../../shared/shop-assignment';
import { db } from '../../db/database';
import { sendMessage } from '../../messaging';
import { accessStatusLabel, type IntakeOutcome, IntakeResult } from '../access-requests';
import { copyText } from '../clipboard';
import { useLiveQuery } from '../use-live-query';

/** Paste shop codes from anywhere, and follow every access request sent from Business Center. */
export function AccessRequests() {
  const requests = useLiveQuery(() => db.accessRequests.toArray()).value;
  const [text, setText] = useState('');
  const [intake, setIntake] = useState<IntakeOutcome | null>(null);
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
      {intake && <IntakeResult intake={intake} testId="intake-result" />}
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
                <td class="muted">{businessCenterLabel(r.businessCenterId, r.businessCenterName)}</td>
                <td class="code">{r.shopCode}</td>
                <td>
                  {accessStatusLabel(r, now)}
                  {r.lastError && <div class="error">TikTok said: {r.lastError}</div>}
                </td>
                <td class="muted">
                  {r.requestedAt ? new Date(r.requestedAt).toLocaleString() : '-'}
                  {r.requestedBy ? ` by ${r.requestedBy}` : ''}
                </td>
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
