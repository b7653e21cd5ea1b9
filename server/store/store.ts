/** What the routes need of a store; SQLite (embedded) and PostgreSQL implement the same interface. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Resolves when the store can answer; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
