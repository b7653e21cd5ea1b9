import { useEffect, useState } from 'preact/hooks';
import { businessCenterLabel } from '../../../shared/shop-assignment';
import { db } from '../../db/database';
import { sendMessage, TEAM_AUDIT_PAGE, type TeamAuditEntry, type TeamMember } from '../../messaging';
import { QueryTable } from './TableControls';
import { toCsv } from './table-csv';
import type { TableSpec } from './table-query';

const KIND: Record<string, string> = {
  shops: 'Shop',
  authorizations: 'Partner authorization',
  tspRequests: 'Partner request',
  partnerAccess: 'Business Center access',
  accessRequests: 'Access request',
};

const CHANGE: Record<string, string> = { upsert: 'Saved', delete: 'Deleted' };

/** How the server took the change: whole, merged field by field, or partly overruled by an earlier edit. */
const OUTCOME: Record<string, string> = {
  applied: '',
  merged: ' (merged with an edit made meanwhile)',
  conflict: ' (some fields kept an earlier edit)',
};

/** What a record is, in words, from this browser's copy; its id when this browser has none. */
async function describe(entry: TeamAuditEntry): Promise<string> {
  const id = entry.recordId;
  switch (entry.collection) {
    case 'shops': {
      const shop = await db.shops.get(id);
      return shop?.name ? `${shop.name} (${id})` : id;
    }
    case 'authorizations': {
      const a = await db.authorizations.get(id);
      return a ? `${a.serviceName} by ${a.partner}, ${a.shopCode}` : id;
    }
    case 'tspRequests': {
      const r = await db.tspRequests.get(id);
      return r ? `${r.partner}, ${r.shopCode ?? 'shop unknown'}` : id;
    }
    case 'partnerAccess': {
      const a = await db.partnerAccess.get(id);
      return a ? `${a.businessCenterName}, ${a.shopCode}` : id;
    }
    case 'accessRequests': {
      const r = await db.accessRequests.get(id);
      return r ? `${r.shopCode} from ${businessCenterLabel(r.businessCenterId, r.businessCenterName)}` : id;
    }
    default:
      return id;
  }
}

interface Row extends TeamAuditEntry {
  what: string;
  kind: string;
  browser: string;
  change: string;
}

const SPEC: TableSpec<Row> = {
  searchText: (r) => [r.memberName, r.browser, r.kind, r.what, r.change],
  facets: [
    { key: 'who', label: 'Who', value: (r) => r.memberName },
    { key: 'browser', label: 'Browser', value: (r) => r.browser },
    { key: 'kind', label: 'Kind', value: (r) => r.kind },
  ],
  columns: [
    { key: 'when', label: 'When', sortValue: (r) => r.version },
    { key: 'who', label: 'Who', sortValue: (r) => r.memberName },
    { key: 'browser', label: 'Browser', sortValue: (r) => r.browser },
    { key: 'change', label: 'Change', sortValue: (r) => r.change },
    { key: 'kind', label: 'Kind', sortValue: (r) => r.kind },
    { key: 'what', label: 'Record', sortValue: (r) => r.what },
  ],
};

/**
 * The team's audit log: who changed what, when, from which browser, newest first, a page at a time
 * ("Show older" pages back), searchable and filterable like the other tables.
 */
export function TeamActivity() {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const load = async (before?: number) => {
    setMessage(null);
    setLoading(true);
    try {
      const [{ entries }, { members }] = await Promise.all([sendMessage('teamAudit', { before }), sendMessage('teamMembers')]);
      const browsers = new Map(members.flatMap((m: TeamMember) => m.devices.map((d) => [d.deviceId, d.label] as const)));
      const page = await Promise.all(
        entries.map(async (e) => ({
          ...e,
          what: await describe(e),
          kind: KIND[e.collection] ?? e.collection,
          browser: browsers.get(e.deviceId) || 'a browser since removed',
          change: `${CHANGE[e.op] ?? e.op}${OUTCOME[e.status] ?? ` (${e.status})`}`,
        })),
      );
      // Each entry once, whatever order pages arrive in.
      setRows((previous) => {
        const known = new Set(before === undefined ? [] : (previous ?? []).map((r) => r.version));
        return [...(before === undefined ? [] : (previous ?? [])), ...page.filter((r) => !known.has(r.version))];
      });
      setMore(entries.length === TEAM_AUDIT_PAGE);
    } catch (error) {
      setMessage(`Could not read the team's activity: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(), []);

  const oldest = rows?.reduce((low, r) => Math.min(low, r.version), Number.POSITIVE_INFINITY);
  return (
    <section data-testid="team-activity" aria-label="Team activity">
      <h3>Activity</h3>
      <p class="muted">Every change the team's server accepted: who made it, from which browser, and when.</p>
      {message && <p role="alert">{message}</p>}
      {rows === null ? (
        !message && <p class="muted">Loading...</p>
      ) : rows.length === 0 ? (
        <p class="empty">No change has reached the team yet.</p>
      ) : (
        <>
          <QueryTable
            id="team-changes"
            noun={{ one: 'change', many: 'changes' }}
            rows={rows}
            spec={SPEC}
            csv={(shown) => toCsv(shown, ['at', 'memberName', 'browser', 'change', 'kind', 'what', 'version'])}
            initialSort={{ key: 'when', direction: 'descending' }}
            row={(r) => (
              <tr key={r.version} data-version={r.version}>
                <td class="muted">{new Date(r.at).toLocaleString()}</td>
                <td>{r.memberName}</td>
                <td class="muted">{r.browser}</td>
                <td>{r.change}</td>
                <td>{r.kind}</td>
                <td>{r.what}</td>
              </tr>
            )}
          />
          {more && oldest !== undefined && (
            <p>
              <button type="button" disabled={loading} onClick={() => void load(oldest)}>
                Show older changes
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
