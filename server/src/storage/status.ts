import type { Queryable } from './db.js';

/** The cheap reads of the server's own health: the readiness probe and the `/metrics` gauges that come from the database. */
export class StatusStore {
  constructor(private readonly db: Queryable) {}

  /** Whether the database answers a query (false instead of throwing). */
  async answers(): Promise<boolean> {
    return this.db.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  /** How many conversations wait for a person now. */
  async waitingForHuman(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM conversations WHERE state = 'waiting_human'",
    );
    return Number(row.n);
  }
}
