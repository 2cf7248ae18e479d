import { describe } from 'vitest';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { openDatabase, type Database } from './db.js';
import { migrate } from './migrate.js';

/**
 * Run a store's contract on PGlite (on this thread and in a worker thread, as `serve` runs it) and on PostgreSQL
 * (skipped when PostgreSQL is missing, unless services are required).
 */
export async function onBothDatabases(name: string, contract: (open: () => Promise<Database>) => void): Promise<void> {
  describe(`${name} on PGlite`, () => {
    contract(async () => {
      const db = await openDatabase({});
      await migrate(db);
      return db;
    });
  });
  describe(`${name} on PGlite in a worker thread`, () => {
    contract(async () => {
      const db = await openDatabase({ embeddedWorker: true });
      await migrate(db);
      return db;
    });
  });
  const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));
  describe.runIf(available)(`${name} on PostgreSQL`, () => {
    contract(async () => {
      const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
      await migrate(db);
      return db;
    });
  });
}
