import type { Command } from 'commander';
import type { Database } from '../storage/db.js';

/** Add the `--data` option that admin commands use to find the database (DATABASE_URL wins, as for `serve`). */
export function withDatabaseOption(cmd: Command): Command {
  return cmd.option(
    '-d, --data <dir>',
    'data folder of the server (env SWITCHBOARD_DATA; default ./.switchboard); DATABASE_URL selects PostgreSQL',
  );
}

/**
 * Open and migrate the server's database for an admin command, run `fn`, close it. With embedded PGlite the server
 * must not be running on the same data folder at the same time (one process per folder).
 */
export async function withDatabase<T>(opts: { data?: string }, fn: (db: Database) => Promise<T>): Promise<T> {
  // Loaded on use: every admin command registers --data, and `switchboard --help` should not open database drivers.
  const [{ configFromEnv }, { migrate }, { openDatabase }] = await Promise.all([
    import('../config.js'),
    import('../storage/migrate.js'),
    import('../storage/db.js'),
  ]);
  const env = configFromEnv();
  const dataDir = opts.data ?? env.dataDir ?? './.switchboard';
  const db = await openDatabase({
    databaseUrl: env.databaseUrl,
    dataDir: `${dataDir}/db`,
    poolSize: 2,
    schema: env.databaseSchema,
  });
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}
