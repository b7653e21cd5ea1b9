import type { PartnerAccess, TspRequest } from '../../../shared/schemas';
import { db } from '../../db/database';
import { useLiveQuery } from '../use-live-query';
import { QueryTable } from './TableControls';
import { partnerAccessCsv, tspRequestsCsv } from './table-csv';
import type { TableSpec } from './table-query';

const when = (at: number) => new Date(at).toLocaleString();

const lastSeen = (r: TspRequest) => r.history.at(-1)?.seenAt ?? null;

const TSP_SPEC: TableSpec<TspRequest> = {
  searchText: (r) => [r.shopCode, r.partner, r.rawStatus],
  facets: [
    { key: 'status', label: 'Status', value: (r) => r.rawStatus },
    { key: 'shop', label: 'Shop', value: (r) => r.shopCode },
    { key: 'partner', label: 'Partner', value: (r) => r.partner },
  ],
  columns: [
    { key: 'shop', label: 'Shop', sortValue: (r) => r.shopCode },
    { key: 'partner', label: 'Partner', sortValue: (r) => r.partner },
    { key: 'status', label: 'Status', sortValue: (r) => r.rawStatus },
    { key: 'history', label: 'History', sortValue: lastSeen },
  ],
};

const accessStatus = (a: PartnerAccess) => (a.lostAt !== undefined ? 'Removed' : a.rawStatus);

const ACCESS_SPEC: TableSpec<PartnerAccess> = {
  searchText: (a) => [a.shopCode, a.businessCenterName, a.businessCenterId, a.permission, accessStatus(a)],
  facets: [
    { key: 'status', label: 'Status', value: accessStatus },
    { key: 'shop', label: 'Shop', value: (a) => a.shopCode },
    { key: 'center', label: 'Business Center', value: (a) => a.businessCenterName },
    { key: 'permission', label: 'Permission', value: (a) => a.permission },
  ],
  columns: [
    { key: 'shop', label: 'Shop', sortValue: (a) => a.shopCode },
    { key: 'center', label: 'Business Center', sortValue: (a) => a.businessCenterName },
    { key: 'id', label: 'ID', sortValue: (a) => a.businessCenterId },
    { key: 'permission', label: 'Permission', sortValue: (a) => a.permission },
    { key: 'status', label: 'Status', sortValue: accessStatus },
    { key: 'seen', label: 'Seen', sortValue: (a) => a.lastSeenAt },
  ],
};

function TspRequests({ requests }: { requests: TspRequest[] }) {
  return (
    <QueryTable
      id="tsp-requests"
      noun={{ one: 'request', many: 'requests' }}
      rows={requests}
      spec={TSP_SPEC}
      csv={tspRequestsCsv}
      row={(r) => (
        <tr key={r.id}>
          <td class="code">{r.shopCode ?? '?'}</td>
          <td>{r.partner}</td>
          <td>{r.rawStatus}</td>
          <td>
            <ol class="history">
              {r.history.map((h) => (
                <li key={h.seenAt}>
                  {h.rawStatus} <span>({when(h.seenAt)})</span>
                </li>
              ))}
            </ol>
          </td>
        </tr>
      )}
    />
  );
}

function PartnerAccessTable({ access }: { access: PartnerAccess[] }) {
  return (
    <QueryTable
      id="partner-access"
      noun={{ one: 'Business Center', many: 'Business Centers' }}
      rows={access}
      spec={ACCESS_SPEC}
      csv={partnerAccessCsv}
      row={(a) => (
        <tr key={a.id} data-center={a.businessCenterName} data-removed={a.lostAt === undefined ? 'no' : 'yes'}>
          <td class="code">{a.shopCode}</td>
          <td>{a.businessCenterName}</td>
          <td class="muted">{a.businessCenterId ?? '-'}</td>
          <td>{a.permission ?? <span class="muted">not shown</span>}</td>
          <td>{a.lostAt !== undefined ? `Removed (not listed since ${when(a.lostAt)})` : a.rawStatus}</td>
          <td class="muted">{when(a.lastSeenAt)}</td>
        </tr>
      )}
    />
  );
}

/** TSP requests with every status change seen, and the Business Centers with access to each shop. */
export function Requests({ shopCode }: { shopCode?: string }) {
  const requests = useLiveQuery(() => db.tspRequests.toArray()).value?.filter(
    (r) => shopCode === undefined || r.shopCode === shopCode,
  );
  const access = useLiveQuery(() => db.partnerAccess.toArray()).value?.filter(
    (a) => shopCode === undefined || a.shopCode === shopCode,
  );
  return (
    <>
      <h2>Requests to TikTok Shop Partners ("My request")</h2>
      {!requests?.length ? (
        <p class="empty">None seen yet. Open TikTok Shop Partner &gt; My request in Seller Center.</p>
      ) : (
        <TspRequests requests={requests} />
      )}
      <h2>Business Centers with access to your shops (Partner Management)</h2>
      {!access?.length ? (
        <p class="empty">None seen yet. Open Ads &gt; Account Management &gt; Partner Management in Seller Center.</p>
      ) : (
        <PartnerAccessTable access={access} />
      )}
    </>
  );
}
