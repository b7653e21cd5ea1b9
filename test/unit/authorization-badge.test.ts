import { describe, expect, it } from 'vitest';
import { authorizationId, interpretAuthorization } from '../../shared/authorization-badge';

const NOW = new Date(2026, 10, 23, 10, 0);
const row = {
  serviceName: 'Ads management',
  partner: 'Growth Partners Ltd',
  serviceType: 'Custom Service',
  status: 'Active',
  authorizedAt: '2025-12-05',
  expiresAt: '2026-12-05',
};

describe('interpretAuthorization', () => {
  it('counts down an active authorization', () => {
    const out = interpretAuthorization(row, 'month-first', NOW);
    expect(out).toMatchObject({
      status: 'active',
      serviceType: 'custom',
      daysLeft: 12,
      badge: { tone: 'urgent', label: '12 days left' },
    });
    expect(out.authorizedAt).toBe(new Date(2025, 11, 5).getTime());
  });

  it.each([
    ['2026-11-23', 'today', 'Expires today'],
    ['2026-11-24', 'urgent', '1 day left'],
    ['2026-12-08', 'urgent', '15 days left'],
    ['2026-12-09', 'notice', '16 days left'],
    ['2026-12-23', 'notice', '30 days left'],
    ['2026-12-24', 'ok', '31 days left'],
    ['2026-11-20', 'expired', 'Expired 3 days ago'],
  ])('expiry %s -> %s "%s"', (expiresAt, tone, label) => {
    expect(interpretAuthorization({ ...row, expiresAt }, 'day-first', NOW).badge).toMatchObject({ tone, label });
  });

  it('uses configured thresholds', () => {
    expect(
      interpretAuthorization({ ...row, expiresAt: '2026-12-01' }, 'day-first', NOW, { urgentDays: 5, noticeDays: 10 }).badge.tone,
    ).toBe('notice');
  });

  it.each([
    ['Completed', 'Completed'],
    ['Authorization Canceled', 'Authorization Canceled'],
    ['Closed', 'Closed'],
  ])('shows %s as such, not as a countdown', (status, label) => {
    expect(interpretAuthorization({ ...row, status }, 'day-first', NOW).badge).toMatchObject({ tone: 'inactive', label });
  });

  it('shows an unknown status as unreadable, keeping its text', () => {
    const out = interpretAuthorization({ ...row, status: 'Suspended?' }, 'day-first', NOW);
    expect(out.status).toBeNull();
    expect(out.badge).toMatchObject({ tone: 'unreadable', label: 'Status unreadable' });
    expect(out.badge.title).toContain('Suspended?');
  });

  it('shows an unreadable or ambiguous date as unreadable, keeping its text', () => {
    expect(interpretAuthorization({ ...row, expiresAt: 'soon' }, 'day-first', NOW).badge).toMatchObject({
      tone: 'unreadable',
      label: 'Date unreadable',
    });
    const ambiguous = interpretAuthorization({ ...row, expiresAt: '05/12/2026' }, 'unknown', NOW).badge;
    expect(ambiguous.title).toContain('05/12/2026');
    expect(ambiguous.title).toContain('two ways');
  });

  it("reads the date by the host's order", () => {
    expect(interpretAuthorization({ ...row, expiresAt: '05/12/2026' }, 'day-first', NOW).daysLeft).toBe(12);
    expect(interpretAuthorization({ ...row, expiresAt: '12/05/2026' }, 'month-first', NOW).daysLeft).toBe(12);
  });

  it('without a status column, counts down and says the status was assumed', () => {
    const { status: _s, ...noStatus } = row;
    const out = interpretAuthorization(noStatus, 'day-first', NOW);
    expect(out.badge.label).toBe('12 days left');
    expect(out.badge.title).toContain('no status column');
  });
});

describe('authorizationId', () => {
  it('ignores case and spacing of the page text', () => {
    expect(authorizationId('USLCQPEV3N', { serviceName: ' Ads  management', partner: 'Growth Partners LTD' })).toBe(
      authorizationId('USLCQPEV3N', { serviceName: 'ads management', partner: 'growth partners ltd' }),
    );
  });
});
