import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asApplied, LEFT_BEFORE_SETTLED, settledApply, WHOLE_LIST_SETTLE_MS } from '../../extension/features/list-loss';

describe('a list read waits to settle before it is applied', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const recorder = () => {
    const calls: string[] = [];
    const apply = (name: string) => async (settled: boolean) => void calls.push(`${name}:${settled ? 'settled' : 'left'}`);
    return { calls, apply };
  };

  it('applies a whole list only once it stayed as read, and only the latest read', async () => {
    const { calls, apply } = recorder();
    const list = settledApply(300);
    list.schedule(true, apply('first step'));
    await vi.advanceTimersByTimeAsync(WHOLE_LIST_SETTLE_MS - 1);
    expect(calls).toEqual([]);
    // The second step of a list drawn in two steps replaces the first before it is judged.
    list.schedule(true, apply('both steps'));
    await vi.advanceTimersByTimeAsync(WHOLE_LIST_SETTLE_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['both steps:settled']);
    expect(list.waiting).toBe(false);
  });

  it('applies a partial list after its own delay', async () => {
    const { calls, apply } = recorder();
    const list = settledApply(300);
    list.schedule(false, apply('searched'));
    await vi.advanceTimersByTimeAsync(300);
    expect(calls).toEqual(['searched:settled']);
  });

  it('drops a read when the list goes, and applies what waits at once, unsettled, when the page is left', async () => {
    const { calls, apply } = recorder();
    const list = settledApply(0);
    list.schedule(true, apply('gone'));
    list.cancel();
    await vi.advanceTimersByTimeAsync(WHOLE_LIST_SETTLE_MS * 2);
    expect(calls).toEqual([]);
    list.schedule(true, apply('left'));
    expect(list.waiting).toBe(true);
    list.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['left:left']);
    // Nothing is applied twice.
    await vi.advanceTimersByTimeAsync(WHOLE_LIST_SETTLE_MS * 2);
    list.leave();
    expect(calls).toEqual(['left:left']);
  });

  it('never throws a failed apply into the page', async () => {
    const list = settledApply(0);
    list.schedule(false, async () => {
      throw new Error('background gone');
    });
    await expect(vi.advanceTimersByTimeAsync(0)).resolves.toBeDefined();
  });

  it('keeps a whole list the page left early as a partial one, and a partial one as it was', () => {
    expect(asApplied({ complete: true }, true)).toEqual({ complete: true });
    expect(asApplied({ complete: true }, false)).toEqual({ complete: false, why: LEFT_BEFORE_SETTLED });
    expect(asApplied({ complete: false, why: 'a search is applied' }, false)).toEqual({
      complete: false,
      why: 'a search is applied',
    });
  });
});
