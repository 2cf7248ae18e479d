import { afterAll, beforeEach, describe } from 'vitest';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { openDatabase, type Database } from './db.js';
import { migrate } from './migrate.js';

/** Hands a contract test its database. */
export type OpenDatabase = () => Promise<Database>;

/** A new, migrated in-memory PGlite (restored from the process's migrated template). */
export const freshPglite: OpenDatabase = async () => {
  const db = await openDatabase({});
  await migrate(db);
  return db;
};

/** A new, migrated in-memory PGlite in a worker thread, as `serve` runs a data folder's database. */
export const freshPgliteWorker: OpenDatabase = async () => {
  const db = await openDatabase({ embeddedWorker: true });
  await migrate(db);
  return db;
};

/** A new, migrated schema of the local PostgreSQL test database. */
export const freshPostgres: OpenDatabase = async () => {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
  await migrate(db);
  return db;
};

/** The tables of the database's schema, by quoted name. */
async function tables(db: Database): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  return rows.map((r) => r.name);
}

/**
 * Put a migrated database back as it was after its migrations: drop the tables a test created (a contract may add
 * one, as a later migration would), empty the others but the migrations' own and restart their id sequences (no
 * migration inserts rows). One TRUNCATE, so foreign keys between the tables do not dictate an order.
 */
export async function resetDatabase(db: Database, migrated: readonly string[]): Promise<void> {
  const now = await tables(db);
  const added = now.filter((t) => !migrated.includes(t));
  if (added.length) await db.exec(`DROP TABLE ${added.join(', ')} CASCADE`);
  const kept = now.filter((t) => migrated.includes(t) && t !== 'schema_migrations');
  if (kept.length) await db.exec(`TRUNCATE ${kept.join(', ')} RESTART IDENTITY CASCADE`);
}

/**
 * Within the calling `describe`: one database made by `create` on first use, put back to its freshly migrated state
 * before each test and closed after the last. Opening and migrating a database costs seconds on a busy machine (PGlite
 * 2–9 s); resetting it costs milliseconds. Tests must not close what the returned function hands out.
 */
export function sharedDatabase(create: OpenDatabase): OpenDatabase {
  let shared: Promise<{ db: Database; migrated: string[] }> | undefined;
  beforeEach(async () => {
    if (!shared) return;
    const { db, migrated } = await shared;
    await resetDatabase(db, migrated);
  });
  afterAll(async () => {
    if (shared) await (await shared).db.close();
  });
  return async () => {
    shared ??= create().then(async (db) => ({ db, migrated: await tables(db) }));
    return (await shared).db;
  };
}

/**
 * Run a store's contract on PGlite (on this thread and in a worker thread, as `serve` runs it) and on PostgreSQL
 * (skipped when PostgreSQL is missing, unless services are required). Each backend's tests share one database, emptied before each test; `{ fresh: true }` gives every call of
 * `open` a new database instead, which the test closes (for a contract about closing).
 */
export async function onBothDatabases(
  name: string,
  contract: (open: OpenDatabase) => void,
  options: { fresh?: boolean } = {},
): Promise<void> {
  const on = (create: OpenDatabase) => contract(options.fresh ? create : sharedDatabase(create));
  describe(`${name} on PGlite`, () => on(freshPglite));
  describe(`${name} on PGlite in a worker thread`, () => on(freshPgliteWorker));
  const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));
  describe.runIf(available)(`${name} on PostgreSQL`, () => on(freshPostgres));
}
