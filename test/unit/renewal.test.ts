import { describe, expect, it } from 'vitest';
import { MARKETS } from '../../shared/markets';
import { renewalLinkRequest, renewalPath, renewalState } from '../../shared/renewal';

describe('how a seller renews, by region and seller type (seed 000)', () => {
  it.each(MARKETS.map((m) => [m] as const))('local seller in %s', (market) => {
    const path = renewalPath({ region: market, sellerType: 'local' });
    if (market === 'GB' || market === 'US')
      expect(path).toMatchObject({ way: 'link', why: expect.stringContaining('only through') });
    else expect(path).toEqual({ way: 'renew_button' });
  });

  it.each(MARKETS.map((m) => [m] as const))('cross-border seller selling in %s: only by link', (market) => {
    expect(renewalPath({ region: market, sellerType: 'cross_border' })).toMatchObject({ way: 'link' });
  });

  it('a cross-border seller without a known market still renews by link; a local one without a market is not guessed', () => {
    expect(renewalPath({ sellerType: 'cross_border' }).way).toBe('link');
    expect(renewalPath({ sellerType: 'local' })).toEqual({ way: 'unknown', why: "the shop's market is not known" });
    expect(renewalPath(null).way).toBe('unknown');
  });

  it('the request names the service, the shop and the expiry date', () => {
    const text = renewalLinkRequest({
      serviceName: 'Ads management',
      partner: 'Growth Partners Ltd',
      shopCode: 'USLCQPEV3N',
      shopName: 'Maple & Moss Home',
      expiresAt: Date.UTC(2026, 11, 5, 15),
    });
    expect(text).toContain('Hello Growth Partners Ltd,');
    expect(text).toContain('"Ads management"');
    expect(text).toContain('Maple & Moss Home (shop code USLCQPEV3N)');
    expect(text).toContain('expires on 2026-12-05');
    expect(text).toContain('renewal link');
  });
});

describe('where a renewal stands', () => {
  const NOW = Date.UTC(2026, 10, 24);
  const future = NOW + 5 * 86_400_000;
  const past = NOW - 86_400_000;
  it.each([
    [{ expiresAt: future }, 'not_asked'],
    [{ expiresAt: future, renewal: { askedAt: 1 } }, 'asked'],
    [{ expiresAt: future, renewal: { askedAt: 1, linkReceivedAt: 2 } }, 'link_received'],
    [{ expiresAt: future, renewal: { askedAt: 1, renewedAt: 3 } }, 'renewed'],
    [{ expiresAt: past, renewal: { askedAt: 1 } }, 'lapsed'],
    [{ expiresAt: past, renewal: { askedAt: 1, renewedAt: 3 } }, 'renewed'],
    [{ expiresAt: past }, 'not_asked'],
    [{ expiresAt: future, renewal: { askedAt: 5, renewedAt: 3 } }, 'asked'],
  ] as const)('%j is %s', (a, state) => {
    expect(renewalState({ ...a, expiresAt: a.expiresAt }, NOW)).toBe(state);
  });
});
