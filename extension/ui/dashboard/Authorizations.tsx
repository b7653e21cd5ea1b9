import { authorizationBadge } from '../../../shared/authorization-badge';
import type { TspAuthorization } from '../../../shared/schemas';
import { db } from '../../db/database';
import type { Settings } from '../../settings';
import { Badge } from '../Badge';
import { useLiveQuery } from '../use-live-query';

const TYPE = { custom: 'Custom', public: 'Public' } as const;

function badgeOf(a: TspAuthorization, now: Date, settings: Settings) {
  if (a.lostAt !== undefined) {
    const since = new Date(a.lostAt).toLocaleDateString();
    return {
      tone: 'inactive' as const,
      label: 'No longer listed',
      title: `Not on My Services since ${since}: no longer counting down`,
    };
  }
  return authorizationBadge(
    { status: a.status, rawStatus: a.rawStatus || undefined, expiresAt: a.expiresAt, rawExpiresAt: a.rawExpiresAt },
    now,
    settings,
  );
}

/** Every partner authorization seen on My Services, soonest expiry first. */
export function Authorizations({ settings }: { settings: Settings }) {
  const { value } = useLiveQuery(() => db.authorizations.toArray());
  if (!value) return <p class="muted">Loading...</p>;
  if (value.length === 0) {
    return <p class="empty">No partner authorizations yet. Open Seller Center &gt; TikTok Shop Partner &gt; My Services.</p>;
  }
  const now = new Date();
  const sorted = [...value].sort((a, b) => (a.expiresAt ?? Number.MAX_SAFE_INTEGER) - (b.expiresAt ?? Number.MAX_SAFE_INTEGER));
  return (
    <table data-testid="authorizations">
      <thead>
        <tr>
          <th>Shop</th>
          <th>Service</th>
          <th>Partner</th>
          <th>Type</th>
          <th>Expires</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((a) => (
          <tr key={a.id} data-authorization={a.id}>
            <td class="code">{a.shopCode}</td>
            <td>{a.serviceName}</td>
            <td>{a.partner}</td>
            <td>{a.serviceType ? TYPE[a.serviceType] : <span class="muted">{a.serviceType ?? '-'}</span>}</td>
            <td class="muted">{a.expiresAt ? new Date(a.expiresAt).toLocaleDateString() : a.rawExpiresAt || '-'}</td>
            <td>
              <Badge view={badgeOf(a, now, settings)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
