import { worldShared } from './world-shared';

/**
 * How long each page check took, in milliseconds: the last 2048 in a ring on the content script's
 * own global (its isolated world; the page cannot see it), one ring for the seller script and its
 * injected list helpers. The benchmark reads it over CDP; the cost is two performance.now() calls per check.
 */
const SIZE = 2048;
const timings = worldShared('checkTimings', () => ({ ring: new Float64Array(SIZE), count: 0 }));

export function recordCheck(ms: number): void {
  timings.ring[timings.count % SIZE] = ms;
  timings.count++;
}

export function checkTimings(): number[] {
  const { ring, count } = timings;
  const n = Math.min(count, SIZE);
  const out: number[] = [];
  for (let i = count - n; i < count; i++) out.push(ring[i % SIZE] as number);
  return out;
}

(globalThis as { __sacCheckTimings?: () => number[] }).__sacCheckTimings = checkTimings;
