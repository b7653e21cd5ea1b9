import type { ExpiryBand } from '../../../shared/expiry';
import { expiryTimeline, quotaUse, waitingByAge } from '../../../shared/overview';
import { db } from '../../db/database';
import type { Settings } from '../../settings';
import { useLiveQuery } from '../use-live-query';

/** Hand-drawn SVG: three small charts do not earn a chart library's weight in the extension. */
const BAND_COLOR: Record<ExpiryBand, string> = {
  expired: '#8c959f',
  today: '#cf222e',
  urgent: '#cf222e',
  notice: '#bf8700',
  ok: '#1a7f37',
};
const BAND_WORD: Record<ExpiryBand, string> = {
  expired: 'expired',
  today: 'today',
  urgent: 'urgent',
  notice: 'within the notice window',
  ok: 'later',
};

function Timeline({ settings, now }: { settings: Settings; now: number }) {
  const { value } = useLiveQuery(async () => ({
    authorizations: await db.authorizations.toArray(),
    shops: await db.shops.toArray(),
  }));
  if (!value) return <p class="muted">Loading...</p>;
  const { shops, points } = expiryTimeline(value.authorizations, now, 90, settings);
  const names = new Map(value.shops.map((s) => [s.shopCode, s.name ?? s.shopCode]));
  if (points.length === 0) return <p class="muted">Nothing expires in the next 90 days.</p>;
  const left = 170;
  const width = 640;
  const row = 26;
  const x = (day: number) => left + (day / 90) * (width - left - 10);
  const height = shops.length * row + 24;
  return (
    <figure>
      <svg
        role="img"
        aria-label={`Expiries in the next 90 days: ${points.length} across ${shops.length} shops`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
        data-testid="expiry-timeline"
      >
        {[0, 15, 30, 60, 90].map((d) => (
          <g key={d}>
            <line x1={x(d)} x2={x(d)} y1={0} y2={height - 18} stroke="currentColor" stroke-opacity={0.15} />
            <text x={x(d)} y={height - 4} font-size="11" text-anchor={d === 90 ? 'end' : 'middle'} fill="currentColor">
              {d === 0 ? 'today' : `${d} d`}
            </text>
          </g>
        ))}
        {shops.map((code, i) => (
          <text key={code} x={0} y={i * row + 17} font-size="12" fill="currentColor">
            {`${names.get(code) ?? code}`.slice(0, 24)}
          </text>
        ))}
        {points.map((p) => (
          <circle
            key={`${p.shopCode}|${p.label}|${p.day}`}
            cx={x(p.day)}
            cy={shops.indexOf(p.shopCode) * row + 13}
            r={6}
            fill={BAND_COLOR[p.band]}
            data-band={p.band}
          >
            <title>{`${p.label}, ${names.get(p.shopCode) ?? p.shopCode}: ${p.day === 0 ? 'expires today' : `in ${p.day} days`} (${BAND_WORD[p.band]})`}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="muted">
        Red: within {settings.urgentDays} days; amber: within {settings.noticeDays}; green: later. Hover a dot for the service.
      </figcaption>
    </figure>
  );
}

function Bars({ rows, max, testId }: { rows: { label: string; value: number; note?: string }[]; max: number; testId: string }) {
  const width = 420;
  const left = 130;
  return (
    <svg
      role="img"
      aria-label={rows.map((r) => `${r.label}: ${r.value}`).join('; ')}
      viewBox={`0 0 ${width} ${rows.length * 22}`}
      width="100%"
      style={{ maxWidth: `${width}px` }}
      data-testid={testId}
    >
      {rows.map((r, i) => (
        <g key={r.label}>
          <text x={0} y={i * 22 + 15} font-size="12" fill="currentColor">
            {r.label}
          </text>
          <rect
            x={left}
            y={i * 22 + 4}
            height={14}
            width={Math.max(r.value > 0 ? 2 : 0, ((width - left - 40) * r.value) / Math.max(1, max))}
            fill="var(--accent)"
          />
          <text
            x={left + ((width - left - 40) * r.value) / Math.max(1, max) + 6}
            y={i * 22 + 15}
            font-size="12"
            fill="currentColor"
          >
            {r.note ?? String(r.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The dashboard's first view: every shop, what expires over the next 90 days, what waits, and the quota used. */
export function Overview({ settings }: { settings: Settings }) {
  const now = Date.now();
  const { value } = useLiveQuery(async () => ({
    shops: await db.shops.toArray(),
    access: await db.accessRequests.toArray(),
    partner: await db.tspRequests.toArray(),
    centers: await db.businessCenters.toArray(),
  }));
  if (!value) return <p class="muted">Loading...</p>;
  const waiting = waitingByAge(value.access, value.partner, now);
  // Each Business Center counts its days in its own time zone.
  const zones = new Map(value.centers.map((c) => [c.orgId, c.quotaTimeZone]));
  const use = quotaUse(value.access, now, 14, (orgId) => zones.get(orgId));
  return (
    <section data-testid="overview">
      <h2>Your shops ({value.shops.length})</h2>
      {value.shops.length === 0 ? (
        <p class="muted">No shop yet: open Seller information on Seller Center, or paste codes in a Business Center panel.</p>
      ) : (
        <ul class="shop-names">
          {value.shops.map((s) => (
            <li key={s.shopCode}>
              {s.name ?? 'name not read yet'} <code>{s.shopCode}</code>
            </li>
          ))}
        </ul>
      )}
      <h2>Expiries, next 90 days</h2>
      <Timeline settings={settings} now={now} />
      <h2>Requests waiting</h2>
      {waiting.every((w) => w.access + w.partner === 0) ? (
        <p class="muted">Nothing is waiting on a seller or a partner.</p>
      ) : (
        <Bars
          testId="waiting-chart"
          rows={waiting.map((w) => ({
            label: w.label,
            value: w.access + w.partner,
            note: `${w.access} access, ${w.partner} partner`,
          }))}
          max={Math.max(...waiting.map((w) => w.access + w.partner))}
        />
      )}
      <h2>Daily requests per Business Center, last 14 days</h2>
      {use.length === 0 ? (
        <p class="muted">No request sent in the last 14 days.</p>
      ) : (
        use.map((org) => (
          <figure key={org.businessCenterId}>
            <figcaption>
              {org.name} ({org.perDay.at(-1)?.sent ?? 0} of {org.limit} today)
            </figcaption>
            <Bars
              testId={`quota-${org.businessCenterId}`}
              rows={org.perDay.map((d) => ({ label: d.day, value: d.sent }))}
              max={org.limit}
            />
          </figure>
        ))
      )}
    </section>
  );
}
