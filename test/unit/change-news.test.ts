import { describe, expect, it } from 'vitest';
import { newsFromTeam, TEAM_NEWS_WINDOW_MS } from '../../extension/background/change-news';

const NOW = Date.UTC(2026, 11, 4, 12);
const request = (over: object) => ({
  id: '7000000000009:USLCLOST01:request_access',
  businessCenterId: '7000000000009',
  businessCenterName: 'Northwind Agency',
  shopCode: 'USLCLOST01',
  status: 'approved',
  ...over,
});

describe("news from a teammate's browser", () => {
  it('an approved shop lost lately is news, named by its Business Center; pending, old or present ones are not', () => {
    const rows = [
      request({ lostAt: NOW - 1000 }),
      request({ id: 'b', shopCode: 'USLCPEND01', status: 'pending', lostAt: NOW - 1000 }),
      request({ id: 'c', shopCode: 'USLCOLD001', lostAt: NOW - TEAM_NEWS_WINDOW_MS - 1 }),
      request({ id: 'd', shopCode: 'USLCHERE01' }),
    ];
    const news = newsFromTeam('accessRequests', rows, NOW);
    expect(news.map((n) => n.shopCode)).toEqual(['USLCLOST01']);
    expect(news[0]?.message).toContain('Shops list of Northwind Agency (7000000000009)');
    expect(news[0]?.id).toBe(`lost:7000000000009:USLCLOST01:request_access:${NOW - 1000}`);
  });

  it('a Business Center removed lately is news', () => {
    const rows = [
      { id: 'p1', shopCode: 'USLCQPEV3N', businessCenterName: 'Contoso BC', lostAt: NOW - 5 },
      { id: 'p2', shopCode: 'USLCQPEV3N', businessCenterName: 'Here BC' },
    ];
    expect(newsFromTeam('partnerAccess', rows, NOW).map((n) => n.message)).toEqual([
      'Contoso BC is no longer listed in Partner Management for shop USLCQPEV3N.',
    ]);
  });

  it('a service that turned Closed lately is news; one always Closed, or closed long ago, is not', () => {
    const closed = (detail: string, at: number) => ({
      id: `a-${detail}-${at}`,
      shopCode: 'USLCQPEV3N',
      serviceName: 'Ads helper',
      partner: 'Northwind Motor',
      status: 'closed',
      history: [{ at, event: 'status_changed', detail }],
    });
    const news = newsFromTeam(
      'authorizations',
      [
        closed('Active -> Closed', NOW - 10),
        closed('Active -> Closed', NOW - TEAM_NEWS_WINDOW_MS - 10),
        { ...closed('x', NOW), history: [] },
      ],
      NOW,
    );
    expect(news.map((n) => n.title)).toEqual(['A partner service was closed']);
  });

  it('other collections carry no news', () => {
    expect(newsFromTeam('shops', [{ shopCode: 'USLCQPEV3N', lostAt: NOW }], NOW)).toEqual([]);
  });
});
