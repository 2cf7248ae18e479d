import { expect, it } from 'vitest';
import type { Database } from './db.js';
import { StatusStore } from './status.js';

/** The health reads on every backend; run against PGlite and PostgreSQL. */
export function statusContract(open: () => Promise<Database>): void {
  it('counts the conversations waiting for a person, and answers until the database is closed', async () => {
    const db = await open();
    const status = new StatusStore(db);
    try {
      expect(await status.answers()).toBe(true);
      expect(await status.waitingForHuman()).toBe(0);
      await db.exec(`INSERT INTO conversations (id, visitor_id, state) VALUES
        ('c_1', 'v', 'ai'), ('c_2', 'v', 'waiting_human'), ('c_3', 'v', 'human'), ('c_4', 'v', 'waiting_human'), ('c_5', 'v', 'closed')`);
      expect(await status.waitingForHuman()).toBe(2);
    } finally {
      await db.close();
    }
    expect(await status.answers()).toBe(false);
  });
}
