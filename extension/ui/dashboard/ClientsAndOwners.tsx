import { useEffect, useState } from 'preact/hooks';
import type { Shop } from '../../../shared/schemas';
import { assignmentLabel, businessCenterLabel } from '../../../shared/shop-assignment';
import { db } from '../../db/database';
import { sendMessage, type TeamMember } from '../../messaging';
import { useLiveQuery } from '../use-live-query';

/** Every Business Center this browser knows: its own visits, and the requests teammates synced. */
async function knownBusinessCenters(): Promise<Map<string, string | undefined>> {
  const [centers, requests] = await Promise.all([db.businessCenters.toArray(), db.accessRequests.toArray()]);
  const known = new Map<string, string | undefined>();
  for (const r of requests) known.set(r.businessCenterId, r.businessCenterName ?? known.get(r.businessCenterId));
  for (const bc of centers) known.set(bc.orgId, bc.name ?? known.get(bc.orgId));
  return known;
}

/**
 * Which client is whose: each shop assigned to the Business Centers that should request it (a
 * Business Center's panel then offers only its clients), and, in a team, the member who looks
 * after it (only that member's browsers notify for it). Both sync to the team with the shop.
 */
export function ClientsAndOwners({ shops }: { shops: Shop[] }) {
  const centers = useLiveQuery(knownBusinessCenters).value ?? new Map<string, string | undefined>();
  const [members, setMembers] = useState<TeamMember[] | null>(null);
  useEffect(() => {
    void sendMessage('syncStatus')
      .then((view) => (view.connection ? sendMessage('teamMembers') : null))
      .then((answer) => setMembers(answer ? answer.members.filter((m) => m.removedAt === null) : null))
      .catch(() => setMembers(null));
  }, []);
  if (shops.length === 0) return null;
  const nameOf = (orgId: string) => businessCenterLabel(orgId, centers.get(orgId));
  const assign = (shop: Shop, orgId: string, on: boolean) => {
    const all = [...centers.keys()];
    const current = shop.businessCenters ?? all;
    const next = on ? [...new Set([...current, orgId])] : current.filter((id) => id !== orgId);
    // Every known Business Center ticked is the same as none chosen: all, including ones seen later.
    void db.shops.update(shop.shopCode, { businessCenters: all.every((id) => next.includes(id)) ? undefined : next });
  };
  const setOwner = (shop: Shop, memberId: string) => {
    const member = members?.find((m) => m.memberId === memberId);
    void db.shops.update(shop.shopCode, { owner: member ? { memberId: member.memberId, name: member.name } : undefined });
  };
  return (
    <section data-testid="clients-and-owners" aria-label="Clients and owners">
      <h2>Clients and owners</h2>
      <p class="muted">
        Tick the Business Centers that should request each shop: a Business Center's panel offers only the shops ticked for it
        (all of them until you choose).
        {members ? ' An owner gets the reminders and notifications for the shop; the rest of the team does not.' : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th>Shop</th>
            <th>Requested from</th>
            {members && <th>Owner</th>}
          </tr>
        </thead>
        <tbody>
          {shops.map((shop) => (
            <tr key={shop.shopCode} data-assigned-shop={shop.shopCode}>
              <td>
                <span class="code">{shop.shopCode}</span> {shop.name ?? ''}
              </td>
              <td>
                <details>
                  <summary data-testid="assignment">{assignmentLabel(shop, nameOf)}</summary>
                  {centers.size === 0 ? (
                    <p class="muted">No Business Center seen yet: open Assets &gt; Shops in Business Center.</p>
                  ) : (
                    <fieldset>
                      <legend class="muted">Business Centers that request {shop.shopCode}</legend>
                      {[...centers.keys()].map((orgId) => (
                        <label key={orgId} style={{ display: 'block' }}>
                          <input
                            type="checkbox"
                            checked={shop.businessCenters === undefined || shop.businessCenters.includes(orgId)}
                            onChange={(e) => assign(shop, orgId, (e.target as HTMLInputElement).checked)}
                          />{' '}
                          {nameOf(orgId)}
                        </label>
                      ))}
                    </fieldset>
                  )}
                </details>
              </td>
              {members && (
                <td>
                  <select
                    aria-label={`Owner of ${shop.shopCode}`}
                    value={shop.owner?.memberId ?? ''}
                    onChange={(e) => setOwner(shop, (e.target as HTMLSelectElement).value)}
                  >
                    <option value="">Nobody in particular (everyone is told)</option>
                    {members.map((m) => (
                      <option key={m.memberId} value={m.memberId}>
                        {m.name}
                      </option>
                    ))}
                    {shop.owner && !members.some((m) => m.memberId === shop.owner?.memberId) && (
                      <option value={shop.owner.memberId}>{shop.owner.name} (no longer in the team)</option>
                    )}
                  </select>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
