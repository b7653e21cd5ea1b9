import { POKE_BYTES, POKE_RECORDS } from '../shared/sync-protocol';
import type { Store } from './store/store';

/** The pull page after a version, as the store writes it (JSON text), at most `limit` records. */
export type PageAfter = (teamId: string, since: number, limit: number) => Promise<string>;

/** A poke's page is a pull from `since` that never asks for a refetch (the browser judges that). */
export const pagesFrom =
  (store: Pick<Store, 'pullJson'>): PageAfter =>
  (teamId, since, limit) =>
    store.pullJson(teamId, since, limit, Number.MAX_SAFE_INTEGER);

/**
 * Who is listening for changes, per team. A poke is only a hint ("pull from your checkpoint"); a
 * client that missed one pulls on reconnect, so nothing depends on a poke arriving. A small
 * commit's poke carries its records (see PokeSchema): read once per commit, sent to every socket.
 */
export interface LiveSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export class LiveHub {
  private readonly teams = new Map<string, Map<LiveSocket, string>>();

  constructor(private readonly pageAfter?: PageAfter) {}

  add(teamId: string, deviceId: string, socket: LiveSocket): void {
    let sockets = this.teams.get(teamId);
    if (!sockets) {
      sockets = new Map();
      this.teams.set(teamId, sockets);
    }
    sockets.set(socket, deviceId);
  }

  remove(teamId: string, socket: LiveSocket): void {
    const sockets = this.teams.get(teamId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.teams.delete(teamId);
  }

  /**
   * Tells every socket of the team that changes up to `version` are committed; with `since` (at or
   * before the commit's first version) and a small enough commit, the poke carries the records.
   */
  async poke(teamId: string, version: number, since?: number): Promise<number> {
    if (!this.teams.has(teamId)) return 0;
    const message =
      (since !== undefined && (await this.pokeWithPage(teamId, version, since))) || JSON.stringify({ type: 'poke', version });
    // Sockets may have come or gone while the page was read: send to those open now.
    const sockets = this.teams.get(teamId);
    for (const socket of sockets?.keys() ?? []) socket.send(message);
    return sockets?.size ?? 0;
  }

  private async pokeWithPage(teamId: string, version: number, since: number): Promise<string | null> {
    if (!this.pageAfter) return null;
    try {
      const page = await this.pageAfter(teamId, since, POKE_RECORDS);
      if (page.length > POKE_BYTES) return null;
      const { more, mustRefetch } = JSON.parse(page) as { more: boolean; mustRefetch: boolean };
      if (more || mustRefetch) return null;
      return `{"type":"poke","version":${version},"since":${since},"page":${page}}`;
    } catch {
      // The store failing here is the pull's to report: the plain poke still goes out.
      return null;
    }
  }

  /** A revoked device loses its open sockets at once. */
  disconnectDevice(teamId: string, deviceId: string): void {
    for (const [socket, id] of this.teams.get(teamId) ?? []) {
      if (id === deviceId) socket.close(4001, 'device revoked');
    }
  }

  closeAll(reason: string): void {
    for (const sockets of this.teams.values()) for (const socket of sockets.keys()) socket.close(1001, reason);
    this.teams.clear();
  }

  get size(): number {
    let n = 0;
    for (const sockets of this.teams.values()) n += sockets.size;
    return n;
  }
}

/** The PostgreSQL channel commits are announced on, to every instance of the server. */
export const COMMIT_CHANNEL = 'sac_commits';
