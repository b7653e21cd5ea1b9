import type { MutationResult, PullResponse, PushRequest } from '../../shared/sync-protocol';

export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: one device of one member of one team. */
export interface Principal {
  teamId: string;
  deviceId: string;
  role: Role;
}

/** What the routes need of a store; SQLite (embedded) and PostgreSQL implement the same interface. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Resolves when the store can answer; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  createTeam(name: string): Promise<{ teamId: string }>;
  /** Mints a device token; only its hash is stored. */
  createDeviceToken(teamId: string, role: Role, label: string): Promise<{ token: string; deviceId: string }>;
  authenticate(token: string): Promise<Principal | null>;
  revokeDevice(teamId: string, deviceId: string): Promise<boolean>;
  push(principal: Principal, request: PushRequest): Promise<MutationResult[]>;
  pull(teamId: string, since: number, limit: number): Promise<PullResponse>;
}
