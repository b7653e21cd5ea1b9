import { describe, expect, it } from 'vitest';
import {
  isAuthorizationCountingDown,
  isExpectedTransition,
  PARTNER_ACCESS_STATUSES,
  readStatus,
  SHOP_ACCESS_STATUSES,
  TSP_AUTHORIZATION_STATUSES,
  TSP_REQUEST_STATUSES,
} from '../../shared/statuses';

describe('TikTok status labels', () => {
  it.each([
    ['Partner reviewing', 'partner_reviewing'],
    ['Partner accepted', 'partner_accepted'],
    ['Connected', 'connected'],
    ['Closed', 'closed'],
    ['Rejected', 'rejected'],
  ])('reads My request status "%s"', (label, status) => {
    expect(readStatus('tspRequest', label)).toEqual({ known: true, status, raw: label });
  });

  it.each([
    ['Active', 'active'],
    ['Completed', 'completed'],
    ['Authorization Canceled', 'authorization_canceled'],
    ['Closed', 'closed'],
  ])('reads My Services status "%s"', (label, status) => {
    expect(readStatus('tspAuthorization', label)).toMatchObject({ known: true, status });
  });

  it('reads Pending approval on Business Center', () => {
    expect(readStatus('shopAccess', 'Pending approval')).toMatchObject({ known: true, status: 'pending' });
  });

  it('ignores case and stray whitespace', () => {
    expect(readStatus('tspRequest', '  partner\n  REVIEWING ')).toMatchObject({ known: true, status: 'partner_reviewing' });
  });

  it('keeps unknown text as unknown with the raw text, never guessing', () => {
    expect(readStatus('tspRequest', 'Under evaluation')).toEqual({ known: false, raw: 'Under evaluation' });
    expect(readStatus('tspAuthorization', '')).toEqual({ known: false, raw: '' });
  });

  it('reads service types', () => {
    expect(readStatus('serviceType', 'Custom Service')).toMatchObject({ status: 'custom' });
    expect(readStatus('serviceType', 'Public Service')).toMatchObject({ status: 'public' });
  });
});

describe('transitions', () => {
  it('TSP requests move forward only', () => {
    expect(isExpectedTransition('tspRequest', 'partner_reviewing', 'partner_accepted')).toBe(true);
    expect(isExpectedTransition('tspRequest', 'partner_accepted', 'connected')).toBe(true);
    expect(isExpectedTransition('tspRequest', 'connected', 'closed')).toBe(true);
    expect(isExpectedTransition('tspRequest', 'partner_reviewing', 'rejected')).toBe(true);
    expect(isExpectedTransition('tspRequest', 'rejected', 'connected')).toBe(false);
    expect(isExpectedTransition('tspRequest', 'connected', 'partner_reviewing')).toBe(false);
    expect(isExpectedTransition('tspRequest', 'partner_reviewing', 'connected')).toBe(false);
  });

  it('a closed partner never comes back; a lapsed or canceled authorization can be re-authorized', () => {
    for (const s of TSP_AUTHORIZATION_STATUSES)
      expect(isExpectedTransition('tspAuthorization', 'closed', s)).toBe(s === 'closed');
    expect(isExpectedTransition('tspAuthorization', 'completed', 'active')).toBe(true);
    expect(isExpectedTransition('tspAuthorization', 'authorization_canceled', 'active')).toBe(true);
    expect(isExpectedTransition('tspAuthorization', 'closed', 'active')).toBe(false);
  });

  it('an approved shop-access request never expires; only removal ends it', () => {
    expect(isExpectedTransition('shopAccess', 'approved', 'expired')).toBe(false);
    expect(SHOP_ACCESS_STATUSES.filter((s) => s !== 'approved' && isExpectedTransition('shopAccess', 'approved', s))).toEqual([
      'removed',
    ]);
    expect(isExpectedTransition('shopAccess', 'queued', 'pending')).toBe(true);
    expect(isExpectedTransition('shopAccess', 'failed', 'pending')).toBe(false);
  });

  it('staying in the same status is always expected', () => {
    for (const s of TSP_REQUEST_STATUSES) expect(isExpectedTransition('tspRequest', s, s)).toBe(true);
    for (const s of SHOP_ACCESS_STATUSES) expect(isExpectedTransition('shopAccess', s, s)).toBe(true);
  });

  it('never leads from a status of one kind to a status only another kind has', () => {
    const kinds = [
      ['tspRequest', TSP_REQUEST_STATUSES],
      ['tspAuthorization', TSP_AUTHORIZATION_STATUSES],
      ['shopAccess', SHOP_ACCESS_STATUSES],
      ['partnerAccess', PARTNER_ACCESS_STATUSES],
    ] as const;
    const all = new Set<string>(kinds.flatMap(([, statuses]) => [...statuses]));
    for (const [kind, statuses] of kinds) {
      const own = new Set<string>(statuses);
      const foreign = [...all].filter((s) => !own.has(s));
      for (const from of statuses)
        for (const to of foreign)
          expect(isExpectedTransition(kind, from as never, to as never), `${kind}: ${from} -> ${to}`).toBe(false);
    }
  });

  it('only an active authorization counts down', () => {
    expect(TSP_AUTHORIZATION_STATUSES.filter(isAuthorizationCountingDown)).toEqual(['active']);
  });
});
