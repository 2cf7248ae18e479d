import type { Database } from './db.js';

/**
 * A contract test's body on the database `open` hands out (the test file's shared one, emptied before each test).
 * @example it('lists nothing at first', using(open, async (db) => expect(await new CannedStore(db).list()).toEqual([])));
 */
export function using(open: () => Promise<Database>, fn: (db: Database) => Promise<void>): () => Promise<void> {
  return async () => fn(await open());
}
