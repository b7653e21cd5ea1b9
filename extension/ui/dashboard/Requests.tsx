import { db } from '../../db/database';
import { useLiveQuery } from '../use-live-query';

const when = (at: number) => new Date(at).toLocaleString();

/** TSP requests with every status change seen, and the Business Centers with access to each shop. */
export function Requests() {
  const requests = useLiveQuery(() => db.tspRequests.toArray()).value;
  const access = useLiveQuery(() => db.partnerAccess.toArray()).value;
  return (
    <>
      <h2>Requests to TikTok Shop Partners ("My request")</h2>
      {!requests?.length ? (
        <p class="empty">None seen yet. Open TikTok Shop Partner &gt; My request in Seller Center.</p>
      ) : (
        <table data-testid="tsp-requests">
          <thead>
            <tr>
              <th>Shop</th>
              <th>Partner</th>
              <th>Status</th>
              <th>History</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
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
            ))}
          </tbody>
        </table>
      )}
      <h2>Business Centers with access to your shops (Partner Management)</h2>
      {!access?.length ? (
        <p class="empty">None seen yet. Open Ads &gt; Account Management &gt; Partner Management in Seller Center.</p>
      ) : (
        <table data-testid="partner-access">
          <thead>
            <tr>
              <th>Shop</th>
              <th>Business Center</th>
              <th>ID</th>
              <th>Permission</th>
              <th>Status</th>
              <th>Seen</th>
            </tr>
          </thead>
          <tbody>
            {access.map((a) => (
              <tr key={a.id} data-center={a.businessCenterName} data-removed={a.lostAt === undefined ? 'no' : 'yes'}>
                <td class="code">{a.shopCode}</td>
                <td>{a.businessCenterName}</td>
                <td class="muted">{a.businessCenterId ?? '-'}</td>
                <td>{a.permission ?? <span class="muted">not shown</span>}</td>
                <td>{a.lostAt !== undefined ? `Removed (not listed since ${when(a.lostAt)})` : a.rawStatus}</td>
                <td class="muted">{when(a.lastSeenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
