/** The team would store more than its quota allows: nothing of the push is kept. */
export class TeamStorageFull extends Error {
  constructor(
    readonly used: number,
    readonly adding: number,
    readonly limit: number,
  ) {
    super(
      `The team stores ${used} bytes of records and this push adds ${adding}; its quota is ${limit}. ` +
        'Delete records the team no longer needs, or ask the operator to raise TEAM_STORAGE_MB.',
    );
  }
}

export interface StoreFault {
  status: 503;
  code: 'store_busy' | 'store_full' | 'store_read_only';
  message: string;
}

/**
 * Database states that are nobody's bug and pass (a lock another process holds, a full disk, a
 * read-only replica): answered 503 with a reason and Retry-After, not as the server's own fault.
 */
export function storeFault(error: unknown): StoreFault | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code === '55P03') {
    return { status: 503, code: 'store_busy', message: 'The database is locked by another process; try again shortly.' };
  }
  if (code === 'SQLITE_FULL' || code === '53100') {
    return { status: 503, code: 'store_full', message: 'The database disk is full; nothing was written.' };
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_') || code === '25006') {
    return { status: 503, code: 'store_read_only', message: 'The database accepts no writes right now.' };
  }
  return null;
}

/** How long a write waits for a lock another process holds before answering 503. */
export const DEFAULT_LOCK_WAIT_MS = 5000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Runs a synchronous SQLite write, retrying while another process holds the write lock. The waits
 * are timers, not SQLite's busy handler: better-sqlite3 runs on the event loop, so its busy
 * timeout froze every request, socket and health check for as long as the lock was held.
 */
export async function whenUnlocked<T>(write: () => T, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return write();
    } catch (error) {
      if (storeFault(error)?.code !== 'store_busy' || Date.now() + pause > deadline) throw error;
    }
    await sleep(pause);
  }
}
