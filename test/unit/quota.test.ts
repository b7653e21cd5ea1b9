import { describe, expect, it } from 'vitest';
import { CLAIM_KEY, DAILY_REQUEST_QUOTA, planBatch, quotaDay, quotaState, requestClaimKey } from '../../shared/quota';

const at = (iso: string) => Date.parse(iso);

describe('quotaDay', () => {
  it('counts days in UTC by default', () => {
    expect(quotaDay(at('2026-11-23T23:59:59Z'))).toBe('2026-11-23');
    expect(quotaDay(at('2026-11-24T00:00:00Z'))).toBe('2026-11-24');
  });

  it('counts days in a stated time zone', () => {
    expect(quotaDay(at('2026-11-23T17:00:00Z'), 'Asia/Singapore')).toBe('2026-11-24');
    expect(quotaDay(at('2026-11-24T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-23');
  });
});

describe('quotaState', () => {
  it('is 20 a day per Business Center', () => {
    expect(DAILY_REQUEST_QUOTA).toBe(20);
    expect(quotaState([], at('2026-11-23T10:00:00Z'))).toEqual({ day: '2026-11-23', used: 0, remaining: 20, limit: 20 });
  });

  it('counts only the requests of the current quota day', () => {
    const sent = [at('2026-11-22T23:59:00Z'), at('2026-11-23T00:00:00Z'), at('2026-11-23T12:00:00Z')];
    expect(quotaState(sent, at('2026-11-23T18:00:00Z'))).toMatchObject({ used: 2, remaining: 18 });
  });

  it('never goes below zero remaining', () => {
    const sent = Array.from({ length: 25 }, (_, i) => at('2026-11-23T00:00:00Z') + i * 1000);
    expect(quotaState(sent, at('2026-11-23T18:00:00Z'))).toMatchObject({ used: 25, remaining: 0 });
  });
});

describe('planBatch', () => {
  const codes = Array.from({ length: 25 }, (_, i) => `CODE${i}`);

  it('never plans a 21st request: the rest wait for the next day', () => {
    const plan = planBatch(codes, { remaining: 20 });
    expect(plan.sendNow).toHaveLength(20);
    expect(plan.queued).toEqual(codes.slice(20));
  });

  it('fills only the room left today', () => {
    expect(planBatch(codes.slice(0, 5), { remaining: 3 })).toEqual({ sendNow: codes.slice(0, 3), queued: codes.slice(3, 5) });
    expect(planBatch(codes.slice(0, 5), { remaining: 0 }).sendNow).toEqual([]);
    expect(planBatch(codes.slice(0, 5), { remaining: -2 }).sendNow).toEqual([]);
  });
});

describe('claim keys of requests', () => {
  it('is the shop code for a first request, and the code with which request for a shop whose access was lost', () => {
    expect(requestClaimKey('USLCQPEV3N', 0)).toBe('USLCQPEV3N');
    expect(requestClaimKey('USLCQPEV3N', 1)).toBe('USLCQPEV3N#2');
    expect(requestClaimKey('USLCQPEV3N', 19)).toBe('USLCQPEV3N#20');
  });

  it('accepts what requestClaimKey makes, and nothing else', () => {
    for (const n of [0, 1, 2, 9, 10, 998]) expect(CLAIM_KEY.test(requestClaimKey('GBLC000001', n))).toBe(true);
    for (const key of [
      'uslcqpev3n',
      'USLCQPEV3N#',
      'USLCQPEV3N#0',
      'USLCQPEV3N#1',
      'USLCQPEV3N#007',
      'USLCQPEV3N#1000',
      'USLCQPEV3N#x',
      'USLC#2',
      'USLCQPEV3N #2',
      '#2',
    ])
      expect(CLAIM_KEY.test(key)).toBe(false);
  });
});
