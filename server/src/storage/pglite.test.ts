import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import { freshPglite, freshPgliteWorker, sharedDatabase } from './databases.test-helpers.js';
import { openDatabase } from './db.js';
import { migrate } from './migrate.js';
import { storeContract } from './store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-pglite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PGlite (embedded default)', () => {
  storeContract(sharedDatabase(freshPglite));

  for (const embeddedWorker of [true, false])
    it(`persists to its data folder and migrations are idempotent (${embeddedWorker ? 'worker thread' : 'main thread'})`, async () => {
      const path = join(dir, `db-${embeddedWorker}`);
      let db = await openDatabase({ dataDir: path, embeddedWorker });
      expect(db.kind).toBe('pglite');
      expect((await migrate(db)).length).toBeGreaterThan(0);
      const store = new ConversationStore(db);
      const c = await store.create({ visitorId: 'v1' });
      await store.append(c.id, { role: 'customer', text: 'kept' });
      await db.close();
      db = await openDatabase({ dataDir: path, embeddedWorker });
      expect(await migrate(db)).toEqual([]);
      const again = new ConversationStore(db);
      expect((await again.history(c.id, 0, 10)).map((m) => m.text)).toEqual(['kept']);
      await db.close();
    });
});

describe('PGlite in a worker thread (as `serve` runs it)', () => {
  storeContract(sharedDatabase(freshPgliteWorker));
});
