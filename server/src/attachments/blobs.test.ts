import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { DbBlobs } from './blobs.js';

// The database backend keeps bytes exact on both drivers (PGlite embedded, PostgreSQL through pg).
const hasPostgres = await needService('PostgreSQL', reachable(5432));
const backends: Array<{ name: string; postgres: boolean }> = [
  { name: 'PGlite', postgres: false },
  ...(hasPostgres ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

describe.each(backends)('DbBlobs on $name', ({ postgres }) => {
  it('stores, reads and removes bytes exactly, and they go with their attachment row', async () => {
    const db = await openDatabase({ databaseUrl: postgres ? await freshDatabaseUrl() : undefined });
    try {
      await migrate(db);
      await db.query("INSERT INTO conversations (id, visitor_id) VALUES ('c_1', 'v_1')");
      const insert = (id: string) =>
        db.query(
          "INSERT INTO attachments (id, conversation_id, name, type, size, backend, uploaded_by) VALUES ($1, 'c_1', 'a.bin', 'text/plain', 256, 'db', 'test')",
          [id],
        );
      const blobs = new DbBlobs(db);
      const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
      await insert('att_1');
      await blobs.put('c_1', 'att_1', bytes);
      expect(Buffer.from((await blobs.get('c_1', 'att_1'))!).equals(Buffer.from(bytes))).toBe(true);
      await blobs.remove('c_1', 'att_1');
      expect(await blobs.get('c_1', 'att_1')).toBeUndefined();
      await insert('att_2');
      await blobs.put('c_1', 'att_2', bytes);
      await db.query("DELETE FROM attachments WHERE conversation_id = 'c_1'");
      expect(await db.query('SELECT 1 FROM attachment_blobs')).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
