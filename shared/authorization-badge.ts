import { DEFAULT_THRESHOLDS, daysLeft, type ExpiryBand, type ExpiryThresholds, expiryBand, expiryLabel } from './expiry';
import { type DateOrder, type PageDate, readPageDate, readPagePeriod } from './page-dates';
import { isAuthorizationCountingDown, readStatus, type ServiceType, type TspAuthorizationStatus } from './statuses';

/** One My Services row as the page shows it; every field is the page's own text. */
export interface AuthorizationRow {
  serviceName: string;
  partner: string;
  serviceType?: string;
  /** Undefined when the table has no Status column. */
  status?: string;
  authorizedAt?: string;
  expiresAt?: string;
}

export type BadgeTone = ExpiryBand | 'inactive' | 'unreadable';

export interface BadgeView {
  tone: BadgeTone;
  label: string;
  /** The longer explanation shown on hover, with any raw text that could not be read. */
  title: string;
}

export interface InterpretedAuthorization {
  status: TspAuthorizationStatus | null;
  serviceType: ServiceType | null;
  authorizedAt: number | null;
  expiresAt: number | null;
  daysLeft: number | null;
  badge: BadgeView;
}

const INACTIVE_LABEL: Record<Exclude<TspAuthorizationStatus, 'active'>, string> = {
  completed: 'Completed',
  authorization_canceled: 'Authorization Canceled',
  closed: 'Closed',
};

/** Turns a row's text into statuses, dates and the badge to show; nothing unreadable is guessed. */
export function interpretAuthorization(
  row: AuthorizationRow,
  order: DateOrder,
  now: Date,
  thresholds: ExpiryThresholds = DEFAULT_THRESHOLDS,
): InterpretedAuthorization {
  const status = row.status === undefined ? null : readStatus('tspAuthorization', row.status);
  const type = row.serviceType === undefined ? null : readStatus('serviceType', row.serviceType);
  const { expires, periodStart } = readExpiry(row.expiresAt ?? '', order);
  const authorized = row.authorizedAt ? readAuthorizedAt(row.authorizedAt, order) : periodStart;
  const expiresAt = expires.ok ? expires.at : null;
  return {
    status: status?.known ? status.status : null,
    serviceType: type?.known ? type.status : null,
    authorizedAt: authorized?.ok ? authorized.at : null,
    expiresAt,
    daysLeft: expiresAt === null ? null : daysLeft(new Date(expiresAt), now),
    badge: authorizationBadge(
      {
        status: status?.known ? status.status : null,
        rawStatus: status === null ? undefined : status.raw,
        expiresAt,
        rawExpiresAt: expires.ok ? undefined : expires.raw,
        expiresAmbiguous: !expires.ok && expires.reason === 'ambiguous',
      },
      now,
      thresholds,
    ),
  };
}

/**
 * The expiry cell holds one date, or the whole authorization period: then its end is the expiry and
 * its start the authorization date. A period whose dates are ambiguous stays ambiguous, never guessed.
 */
function readExpiry(text: string, order: DateOrder): { expires: PageDate; periodStart: PageDate | null } {
  const single = readPageDate(text, order);
  if (single.ok) return { expires: single, periodStart: null };
  const period = readPagePeriod(text, order);
  if (period.ok) return { expires: period.end, periodStart: period.start };
  const reason = period.reason === 'ambiguous' ? 'ambiguous' : single.reason;
  return { expires: { ok: false, raw: text, reason }, periodStart: null };
}

/** An authorization date column may itself show the period; its start is the date. */
function readAuthorizedAt(text: string, order: DateOrder): PageDate {
  const single = readPageDate(text, order);
  if (single.ok) return single;
  const period = readPagePeriod(text, order);
  return period.ok ? period.start : single;
}

/** What the badge needs of an authorization, whether just read from the page or stored. */
export interface BadgeInput {
  status: TspAuthorizationStatus | null;
  /** Undefined when the page shows no status at all (no Status column). */
  rawStatus?: string;
  expiresAt: number | null;
  rawExpiresAt?: string;
  expiresAmbiguous?: boolean;
}

export function authorizationBadge(input: BadgeInput, now: Date, thresholds: ExpiryThresholds = DEFAULT_THRESHOLDS): BadgeView {
  if (input.status === null && input.rawStatus !== undefined) {
    return { tone: 'unreadable', label: 'Status unreadable', title: `Status text not recognised: "${input.rawStatus}"` };
  }
  if (input.status !== null && !isAuthorizationCountingDown(input.status)) {
    const label = INACTIVE_LABEL[input.status];
    return { tone: 'inactive', label, title: `${label}: no longer counting down` };
  }
  if (input.expiresAt === null) {
    const why = input.expiresAmbiguous ? 'could be read two ways on this host' : 'could not be read';
    return { tone: 'unreadable', label: 'Date unreadable', title: `Expiry date "${input.rawExpiresAt ?? ''}" ${why}` };
  }
  const days = daysLeft(new Date(input.expiresAt), now);
  const noStatus = input.rawStatus === undefined ? ' (no status column: assumed active)' : '';
  return {
    tone: expiryBand(days, thresholds),
    label: expiryLabel(days),
    title: `Expires ${new Date(input.expiresAt).toDateString()}${noStatus}`,
  };
}

/** Stable id for an authorization of one shop, so re-reading the page updates, never duplicates. */
export function authorizationId(shopCode: string, row: Pick<AuthorizationRow, 'serviceName' | 'partner'>): string {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  return `${shopCode}|${norm(row.serviceName)}|${norm(row.partner)}`;
}
