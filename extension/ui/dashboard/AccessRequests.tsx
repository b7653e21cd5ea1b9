import { useState } from 'preact/hooks';
import type { ShopAccessRequest } from '../../../shared/schemas';
import { sellerApprovalMessage } from '../../../shared/seller-approval';
import { businessCenterLabel } from '../../../shared/shop-assignment';
import { type CsvRowProblem, shopCodesFromCsv } from '../../../shared/shop-code-csv';
import { db } from '../../db/database';
import { sendMessage } from '../../messaging';
import { accessStatusLabel, accessStatusWord, type IntakeOutcome, IntakeResult } from '../access-requests';
import { copyText } from '../clipboard';
import { useLiveQuery } from '../use-live-query';
import { QueryTable } from './TableControls';
import { accessRequestsCsv } from './table-csv';
import type { TableSpec } from './table-query';

function accessSpec(now: number): TableSpec<ShopAccessRequest> {
  const center = (r: ShopAccessRequest) => businessCenterLabel(r.businessCenterId, r.businessCenterName);
  const status = (r: ShopAccessRequest) => accessStatusWord(r, now);
  return {
    searchText: (r) => [r.shopCode, center(r), status(r), r.requestedBy, r.lastError],
    facets: [
      { key: 'status', label: 'Status', value: status },
      { key: 'shop', label: 'Shop', value: (r) => r.shopCode },
      { key: 'center', label: 'Business Center', value: center },
    ],
    columns: [
      { key: 'center', label: 'Business Center', sortValue: center },
      { key: 'shop', label: 'Shop code', sortValue: (r) => r.shopCode },
      { key: 'status', label: 'Status', sortValue: status },
      { key: 'requested', label: 'Requested', sortValue: (r) => r.requestedAt },
      { key: 'resent', label: 'Resent', sortValue: (r) => r.resends.length },
      { key: 'actions', label: '' },
    ],
  };
}

/** What one import may hold: its codes never outgrow the file, and the background takes 200,000 characters. */
const CSV_MAX_BYTES = 200_000;

/** Paste shop codes from anywhere, and follow every access request sent from Business Center. */
export function AccessRequests() {
  const [text, setText] = useState('');
  const [intake, setIntake] = useState<IntakeOutcome | null>(null);
  const [rowProblems, setRowProblems] = useState<CsvRowProblem[] | null>(null);
  const importCsv = async (file: File) => {
    if (file.size > CSV_MAX_BYTES) {
      setRowProblems([{ row: 0, message: `the file is larger than ${CSV_MAX_BYTES / 1000} KB; split it and import each part` }]);
      return;
    }
    const { codes, problems } = shopCodesFromCsv(await file.text());
    setRowProblems(problems);
    setIntake(codes.length ? await sendMessage('addIntake', { text: codes.join('\n') }) : { added: [], rejected: [] });
  };
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
        <button
          type="button"
          onClick={async () => {
            setRowProblems(null);
            setIntake(await sendMessage('addIntake', { text }));
          }}
        >
          Add codes
        </button>{' '}
        <label>
          or import a CSV file{' '}
          <input
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void importCsv(file);
            }}
          />
        </label>
      </p>
      {intake && <IntakeResult intake={intake} testId="intake-result" />}
      {rowProblems && rowProblems.length > 0 && (
        <ul data-testid="csv-problems">
          {rowProblems.map((p) => (
            <li key={`${p.row}|${p.message}`}>{p.row > 0 ? `Row ${p.row}: ${p.message}` : `Not imported: ${p.message}`}</li>
          ))}
        </ul>
      )}
      <h2>Access requests from Business Center</h2>
      <AccessRequestTable />
    </>
  );
}

/** Every access request sent from Business Center (or one shop's), searchable, filterable and sortable. */
export function AccessRequestTable({ shopCode }: { shopCode?: string }) {
  const requests = useLiveQuery(
    () => (shopCode === undefined ? db.accessRequests.toArray() : db.accessRequests.where('shopCode').equals(shopCode).toArray()),
    [shopCode],
  ).value;
  const [copied, setCopied] = useState<string | null>(null);
  const now = Date.now();
  const spec = accessSpec(now);
  if (!requests?.length) return <p class="empty">None yet. Open Business Center &gt; Assets &gt; Shops with the extension.</p>;
  return (
    <QueryTable
      id="access-requests"
      noun={{ one: 'access request', many: 'access requests' }}
      rows={requests}
      spec={spec}
      initialSort={{ key: 'requested', direction: 'descending' }}
      csv={accessRequestsCsv}
      row={(r) => (
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
                    (await copyText(sellerApprovalMessage({ shopCode: r.shopCode, approvalLink: r.approvalLink }))) ? r.id : null,
                  )
                }
              >
                {copied === r.id ? 'Copied' : 'Copy message for seller'}
              </button>
            )}
          </td>
        </tr>
      )}
    />
  );
}
