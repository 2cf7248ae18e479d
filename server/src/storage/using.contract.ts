import type { Database } from './db.js';

/**
 * A contract test's body on a fresh database that is closed afterwards, whatever happens.
 * @example it('lists nothing at first', using(open, async (db) => expect(await new CannedStore(db).list()).toEqual([])));
 */
export function using(open: () => Promise<Database>, fn: (db: Database) => Promise<void>): () => Promise<void> {
  return async () => {
    const db = await open();
    try {
      await fn(db);
    } finally {
      await db.close();
    }
  };
}
