/**
 * Who is listening for changes, per team. A poke is only a hint ("pull from your checkpoint"); a
 * client that missed one pulls on reconnect, so nothing depends on a poke arriving.
 */
export interface LiveSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export class LiveHub {
  private readonly teams = new Map<string, Map<LiveSocket, string>>();

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

  /** Tells every socket of the team that changes up to `version` are committed. */
  poke(teamId: string, version: number): number {
    const sockets = this.teams.get(teamId);
    if (!sockets) return 0;
    const message = JSON.stringify({ type: 'poke', version });
    for (const socket of sockets.keys()) socket.send(message);
    return sockets.size;
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
