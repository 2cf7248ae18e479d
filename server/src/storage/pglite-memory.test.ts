import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.js';
import { openPglite } from './pglite.js';
import { openMemoryPglite } from './pglite-memory.js';

describe('in-memory PGlite from a migrated template', () => {
  it('a failed first preparation does not poison later opens', async () => {
    await expect(
      openMemoryPglite({}, async () => {
        throw new Error('broken migration');
      }),
    ).rejects.toThrow('broken migration');
    const pg = await openMemoryPglite({}, (p) => p.exec('CREATE TABLE made_by_prepare (a int)'));
    expect((await pg.query('SELECT count(*)::int AS n FROM made_by_prepare')).rows).toEqual([{ n: 0 }]);
    await pg.close();
  });

  it('every database is migrated and independent of the others (restored, not shared)', async () => {
    // The template above was prepared differently: `prepare` runs on every restored copy, so these still get every
    // migration.
    const all = listMigrations().map((m) => m.version);
    const [a, b] = [await openPglite(), await openPglite()];
    for (const db of [a, b]) {
      const rows = await db.query<{ v: number }>('SELECT version AS v FROM schema_migrations ORDER BY 1');
      expect(rows.map((r) => r.v)).toEqual(all);
    }
    await a.exec('CREATE TABLE only_in_a (x int)');
    expect(await b.query("SELECT 1 FROM pg_tables WHERE tablename = 'only_in_a'")).toEqual([]);
    await a.close();
    await b.close();
  });
});
