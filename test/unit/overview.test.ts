import { describe, expect, it } from 'vitest';
import { expiryTimeline, quotaUse, waitingByAge } from '../../shared/overview';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 4, 12);
const auth = (
  shopCode: string,
  serviceName: string,
  inDays: number | null,
  status: 'active' | 'completed' | null = 'active',
  lostAt?: number,
) => ({
  shopCode,
  serviceName,
  partner: `${serviceName} Ltd`,
  status,
  expiresAt: inDays === null ? null : NOW + inDays * DAY,
  ...(lostAt ? { lostAt } : {}),
});

describe('the overview timeline', () => {
  it('places what still counts down within 90 days, per shop, soonest first, coloured by band', () => {
    const { shops, points } = expiryTimeline(
      [
        auth('USLCQPEV3N', 'Ads', 12),
        auth('GBGBLCRKQTEX', 'Catalog', 0),
        auth('USLCQPEV3N', 'Fulfilment', 25),
        auth('USLCQPEV3N', 'Later', 45),
        auth('USLCQPEV3N', 'Far', 120),
        auth('USLCQPEV3N', 'Ended', 5, 'completed'),
        auth('USLCQPEV3N', 'Gone', 5, 'active', NOW - DAY),
        auth('USLCQPEV3N', 'Undated', null),
        auth('USLCQPEV3N', 'Past', -2),
      ],
      NOW,
      90,
      { urgentDays: 15, noticeDays: 30 },
    );
    expect(shops).toEqual(['GBGBLCRKQTEX', 'USLCQPEV3N']);
    expect(points.map((p) => [p.label.split(' (')[0], p.day, p.band])).toEqual([
      ['Catalog', 0, 'today'],
      ['Ads', 12, 'urgent'],
      ['Fulfilment', 25, 'notice'],
      ['Later', 45, 'ok'],
    ]);
  });
});

describe('requests waiting by age', () => {
  it('counts pending access requests and partner requests under review, by how long they waited', () => {
    const rows = waitingByAge(
      [
        { status: 'pending', requestedAt: NOW - 1 * DAY },
        { status: 'pending', requestedAt: NOW - 4 * DAY },
        { status: 'pending', firstSeenAt: NOW - 20 * DAY },
        { status: 'approved', requestedAt: NOW - 4 * DAY },
        { status: 'pending', requestedAt: NOW - 4 * DAY, lostAt: NOW },
      ],
      [
        {
          status: 'partner_reviewing',
          lastSeenAt: NOW,
          // Rejected, then sent again 8 days ago: it has waited 8 days, not since the first time.
          history: [
            { status: 'partner_reviewing', seenAt: NOW - 30 * DAY },
            { status: 'rejected', seenAt: NOW - 20 * DAY },
            { status: 'partner_reviewing', seenAt: NOW - 8 * DAY },
            { status: 'partner_reviewing', seenAt: NOW - 1 * DAY },
          ],
        },
        { status: 'connected', lastSeenAt: NOW, history: [] },
      ],
      NOW,
    );
    expect(rows.map((r) => [r.label, r.access, r.partner])).toEqual([
      ['under 3 days', 1, 0],
      ['3 to 6 days', 1, 0],
      ['1 to 2 weeks', 0, 1],
      ['2 weeks or more', 1, 0],
    ]);
  });
});

describe('quota use per Business Center', () => {
  it("counts each day's requests in the Business Center's time zone, today last, queued and refused ones not", () => {
    const [org] = quotaUse(
      [
        { businessCenterId: '7000000000001', businessCenterName: 'Northwind', status: 'pending', requestedAt: NOW },
        { businessCenterId: '7000000000001', businessCenterName: 'Northwind', status: 'approved', requestedAt: NOW - DAY },
        { businessCenterId: '7000000000001', businessCenterName: 'Northwind', status: 'failed', requestedAt: NOW },
        { businessCenterId: '7000000000001', status: 'queued', requestedAt: NOW },
        { businessCenterId: '7000000000001', status: 'pending', requestedAt: NOW - 20 * DAY },
      ],
      NOW,
      14,
      () => 'UTC',
    );
    expect(org?.name).toBe('Northwind');
    expect(org?.perDay).toHaveLength(14);
    expect(org?.perDay.at(-1)).toEqual({ day: '2026-12-04', sent: 1 });
    expect(org?.perDay.at(-2)).toEqual({ day: '2026-12-03', sent: 1 });
    expect(org?.perDay.slice(0, -2).every((d) => d.sent === 0)).toBe(true);
  });
});
