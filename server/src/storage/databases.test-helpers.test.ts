import { describe, expect, it } from 'vitest';
import { AuditStore } from './audit.js';
import { ConversationStore } from './conversations.js';
import { freshPglite, resetDatabase, sharedDatabase } from './databases.test-helpers.js';

const count = async (open: () => ReturnType<typeof freshPglite>, table: string) =>
  (await (await open()).query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

describe('a contract file’s shared database', () => {
  const open = sharedDatabase(freshPglite);

  it('hands out one database, migrated', async () => {
    expect(await open()).toBe(await open());
    expect(await count(open, 'schema_migrations')).toBeGreaterThan(0);
    // Leftovers for the next test, which must not see them.
    const db = await open();
    await new ConversationStore(db).create({ visitorId: 'v_left' });
    await new AuditStore(db).append({ action: 'x.y', target: 't' });
    await db.exec('CREATE TABLE made_by_a_test (a int)');
  });

  it('is back to its migrated state in the next test: rows gone, id sequences restarted, added tables dropped', async () => {
    expect(await count(open, 'conversations')).toBe(0);
    expect(await count(open, 'audit_log')).toBe(0);
    expect(await count(open, 'schema_migrations')).toBeGreaterThan(0);
    const db = await open();
    await new AuditStore(db).append({ action: 'x.y', target: 't' });
    expect((await new AuditStore(db).list({})).map((e) => e.id)).toEqual([1]);
    expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'made_by_a_test'")).toEqual([]);
  });
});

describe('resetDatabase', () => {
  it('keeps the migrations’ record and the listed tables’ definitions', async () => {
    const db = await freshPglite();
    try {
      const before = await db.query('SELECT version FROM schema_migrations ORDER BY 1');
      await db.exec('CREATE TABLE extra (a int)');
      await resetDatabase(db, ['schema_migrations', 'conversations']);
      expect(await db.query('SELECT version FROM schema_migrations ORDER BY 1')).toEqual(before);
      expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'extra'")).toEqual([]);
      // Tables missing from the list count as added: dropped.
      expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'messages'")).toEqual([]);
      expect(await db.query("SELECT 1 FROM pg_tables WHERE tablename = 'conversations'")).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});
