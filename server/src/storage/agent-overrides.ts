import type { Database } from './db.js';

// PGlite and pg both parse JSONB; a string only if a driver is configured otherwise.
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/** SQL for `agent_overrides`: per agent, the settings an admin changed (stored as given; router/overrides.ts parses). */
export class AgentOverrideStore {
  constructor(private readonly db: Database) {}

  /** Every agent's stored override. */
  async all(): Promise<Map<string, unknown>> {
    const rows = await this.db.query('SELECT agent, settings FROM agent_overrides ORDER BY agent');
    return new Map(rows.map((r) => [r.agent as string, json(r.settings)]));
  }

  /**
   * Read one agent's override, compute the new one and store it, in one transaction with the row locked, so two admins
   * editing the same agent at once both keep their change.
   */
  async update<T>(agent: string, by: string, change: (before: unknown) => T | Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      // An empty row first, so a first edit has a row to lock too (a concurrent insert waits on the key, then skips).
      await tx.query("INSERT INTO agent_overrides (agent, settings) VALUES ($1, '{}') ON CONFLICT (agent) DO NOTHING", [
        agent,
      ]);
      const rows = await tx.query('SELECT settings FROM agent_overrides WHERE agent = $1 FOR UPDATE', [agent]);
      const before = json(rows[0].settings);
      const after = await change(before);
      await tx.query(
        `INSERT INTO agent_overrides (agent, settings, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (agent) DO UPDATE SET settings = EXCLUDED.settings, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [agent, JSON.stringify(after), by],
      );
      return after;
    });
  }

  /** Drop an agent's override (back to the agents file); false when there was none. */
  async remove(agent: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM agent_overrides WHERE agent = $1 RETURNING agent', [agent]);
    return rows.length > 0;
  }
}
