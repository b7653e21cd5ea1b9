import { describe, expect, it } from 'vitest';
import { type AccessAttempt, blocksNewRequest, settleAcceptance } from '../../shared/access-methods';

const attempt = (
  id: string,
  method: AccessAttempt['method'],
  status: AccessAttempt['status'] = 'pending',
  shopCode = 'USLCQPEV3N',
  bc = '7000000000001',
): AccessAttempt => ({
  id,
  method,
  status,
  shopCode,
  businessCenterId: bc,
});

describe('two pending methods for one shop (seed 004)', () => {
  it('accepting "Add My TikTok Shop" first expires "Request Access"', () => {
    const changes = settleAcceptance([attempt('a', 'add_my_shop'), attempt('b', 'request_access')], 'a');
    expect(Object.fromEntries(changes)).toEqual({ a: 'approved', b: 'expired' });
  });

  it('accepting "Request Access" first expires "Add My TikTok Shop"', () => {
    const changes = settleAcceptance([attempt('a', 'add_my_shop'), attempt('b', 'request_access')], 'b');
    expect(Object.fromEntries(changes)).toEqual({ b: 'approved', a: 'expired' });
  });

  it('leaves other shops and other Business Centers alone', () => {
    const changes = settleAcceptance(
      [
        attempt('a', 'add_my_shop'),
        attempt('b', 'request_access', 'pending', 'GBGBLCRKQTEX'),
        attempt('c', 'request_access', 'pending', 'USLCQPEV3N', '7000000000002'),
      ],
      'a',
    );
    expect(Object.fromEntries(changes)).toEqual({ a: 'approved' });
  });

  it('an already approved request stays as it is', () => {
    expect(settleAcceptance([attempt('a', 'add_my_shop', 'approved'), attempt('b', 'request_access')], 'a').size).toBe(0);
  });

  it('refuses to accept what is not pending or does not exist', () => {
    expect(() => settleAcceptance([attempt('a', 'add_my_shop', 'failed')], 'a')).toThrow(/not pending/);
    expect(() => settleAcceptance([], 'zzz')).toThrow(/no access request/);
  });
});

describe('blocksNewRequest', () => {
  it('granted access blocks any new request', () => {
    expect(blocksNewRequest([attempt('a', 'add_my_shop', 'approved')], 'request_access')).toBe(true);
  });

  it('a waiting request blocks its own method only', () => {
    expect(blocksNewRequest([attempt('a', 'request_access', 'pending')], 'request_access')).toBe(true);
    expect(blocksNewRequest([attempt('a', 'request_access', 'queued')], 'request_access')).toBe(true);
    expect(blocksNewRequest([attempt('a', 'add_my_shop', 'pending')], 'request_access')).toBe(false);
  });

  it('access lost, or a request withdrawn (gone from the Shops list), no longer blocks asking again', () => {
    expect(blocksNewRequest([{ ...attempt('a', 'request_access', 'approved'), lostAt: 5 }], 'request_access')).toBe(false);
    expect(blocksNewRequest([{ ...attempt('a', 'request_access', 'pending'), lostAt: 5 }], 'request_access')).toBe(false);
  });

  it('failed, expired and removed requests may be made again', () => {
    for (const status of ['failed', 'expired', 'removed'] as const) {
      expect(blocksNewRequest([attempt('a', 'request_access', status)], 'request_access')).toBe(false);
    }
  });
});
