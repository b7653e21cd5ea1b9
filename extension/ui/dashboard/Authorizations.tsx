import { useState } from 'preact/hooks';
import { authorizationBadge } from '../../../shared/authorization-badge';
import { daysLeft } from '../../../shared/expiry';
import { type RenewalState, renewalLinkRequest, renewalPath, renewalState } from '../../../shared/renewal';
import type { Shop, TspAuthorization } from '../../../shared/schemas';
import { isAuthorizationCountingDown } from '../../../shared/statuses';
import { markRenewal } from '../../db/authorizations';
import { db } from '../../db/database';
import type { Settings } from '../../settings';
import { Badge } from '../Badge';
import { copyText } from '../clipboard';
import { useLiveQuery } from '../use-live-query';
import { QueryTable } from './TableControls';
import { authorizationsCsv } from './table-csv';
import type { TableSpec } from './table-query';

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

const RENEWAL_TEXT: Record<RenewalState, string> = {
  not_asked: '',
  asked: 'Renewal link asked',
  link_received: 'Renewal link received',
  renewed: 'Renewed',
  lapsed: 'Lapsed: the expiry passed before a renewal was seen',
};

/**
 * How this authorization is renewed, as the shop's region allows (seed 000): UK and US local and
 * cross-border sellers ask the partner for a link (the message ready to copy; each step marked in
 * one click); others renew on My Services. Shown for what expires within the notice window, or
 * whose renewal is under way.
 */
function Renewal({ a, shop, settings, now }: { a: TspAuthorization; shop: Shop | undefined; settings: Settings; now: number }) {
  const [copied, setCopied] = useState(false);
  const state = renewalState(a, now);
  const days = a.expiresAt === null ? null : daysLeft(new Date(a.expiresAt), new Date(now));
  const due =
    a.status !== null &&
    isAuthorizationCountingDown(a.status) &&
    a.lostAt === undefined &&
    days !== null &&
    days <= settings.noticeDays;
  if (!due && state === 'not_asked') return null;
  const path = renewalPath(shop);
  return (
    <div data-testid="renewal" data-renewal={state}>
      {RENEWAL_TEXT[state] && <span class="muted">{RENEWAL_TEXT[state]}. </span>}
      {path.way === 'renew_button' ? (
        <span>Renew on My Services (Renew, then choose the period).</span>
      ) : (
        <>
          {path.way === 'unknown' && <span class="muted">Renew on My Services, or if your shop renews only by link: </span>}
          <button
            type="button"
            title={path.why}
            onClick={async () => {
              const text = renewalLinkRequest({ ...a, shopName: shop?.name });
              setCopied(await copyText(text));
              await markRenewal(db, a.id, 'asked');
            }}
          >
            {copied ? 'Copied: send it to the partner' : 'Ask for a renewal link'}
          </button>{' '}
          {state === 'asked' && (
            <button type="button" onClick={() => void markRenewal(db, a.id, 'link_received')}>
              Link received
            </button>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The status a person filters and sorts by, as the badge shows it but grouped: how soon a service
 * that counts down expires (by the reminder windows), else the page's own word for why it does not.
 */
function statusWord(a: TspAuthorization, now: Date, settings: Settings): string {
  const badge = badgeOf(a, now, settings);
  switch (badge.tone) {
    case 'expired':
      return 'Expired';
    case 'today':
    case 'urgent':
      return `Expires within ${settings.urgentDays} days`;
    case 'notice':
      return `Expires within ${settings.noticeDays} days`;
    case 'ok':
      return 'Active, not due';
    default:
      return badge.label;
  }
}

function authorizationSpec(now: Date, settings: Settings): TableSpec<TspAuthorization> {
  const status = (a: TspAuthorization) => statusWord(a, now, settings);
  return {
    searchText: (a) => [a.shopCode, a.serviceName, a.partner, status(a), a.rawStatus, a.serviceType],
    facets: [
      { key: 'status', label: 'Status', value: status },
      { key: 'shop', label: 'Shop', value: (a) => a.shopCode },
      { key: 'partner', label: 'Partner', value: (a) => a.partner },
    ],
    columns: [
      { key: 'shop', label: 'Shop', sortValue: (a) => a.shopCode },
      { key: 'service', label: 'Service', sortValue: (a) => a.serviceName },
      { key: 'partner', label: 'Partner', sortValue: (a) => a.partner },
      { key: 'type', label: 'Type', sortValue: (a) => a.serviceType },
      { key: 'expires', label: 'Expires', sortValue: (a) => a.expiresAt },
      { key: 'status', label: 'Status', sortValue: status },
      { key: 'renewal', label: 'Renewal' },
    ],
  };
}

/** Every partner authorization seen on My Services, soonest expiry first, searchable and filterable. */
export function Authorizations({ settings, shopCode }: { settings: Settings; shopCode?: string }) {
  const { value } = useLiveQuery(
    () => (shopCode === undefined ? db.authorizations.toArray() : db.authorizations.where('shopCode').equals(shopCode).toArray()),
    [shopCode],
  );
  const shops = useLiveQuery(() => db.shops.toArray()).value;
  if (!value) return <p class="muted">Loading...</p>;
  if (value.length === 0) {
    return <p class="empty">No partner authorizations yet. Open Seller Center &gt; TikTok Shop Partner &gt; My Services.</p>;
  }
  const now = new Date();
  return (
    <QueryTable
      id="authorizations"
      noun={{ one: 'authorization', many: 'authorizations' }}
      rows={value}
      spec={authorizationSpec(now, settings)}
      initialSort={{ key: 'expires', direction: 'ascending' }}
      csv={authorizationsCsv}
      row={(a) => (
        <tr key={a.id} data-authorization={a.id}>
          <td class="code">{a.shopCode}</td>
          <td>{a.serviceName}</td>
          <td>{a.partner}</td>
          <td>{a.serviceType ? TYPE[a.serviceType] : <span class="muted">{a.serviceType ?? '-'}</span>}</td>
          <td class="muted">{a.expiresAt ? new Date(a.expiresAt).toLocaleDateString() : a.rawExpiresAt || '-'}</td>
          <td>
            <Badge view={badgeOf(a, now, settings)} />
          </td>
          <td>
            <Renewal a={a} shop={shops?.find((s) => s.shopCode === a.shopCode)} settings={settings} now={now.getTime()} />
          </td>
        </tr>
      )}
    />
  );
}
