import type { Logger } from '../util/logger.js';

/** Anything that runs parameterised SQL in PostgreSQL dialect. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A database handle: PGlite embedded or a PostgreSQL server through `pg`. */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in one transaction; rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Run a multi-statement script (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Size of the embedded engine's WebAssembly memory in bytes (PGlite only), for `/metrics`. */
  wasmBytes?(): number;
}

export interface DatabaseOptions {
  /** `postgres://…` uses a PostgreSQL server; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; omitted means in memory (tests). */
  dataDir?: string;
  logger?: Logger;
  /** Pool size for PostgreSQL (default 10). */
  poolSize?: number;
  /** PostgreSQL schema for every table (created when missing); default the role's search_path. */
  schema?: string;
  /** PGlite's buffer cache in MB (inside its WebAssembly heap). */
  sharedBuffersMb?: number;
  /** Run PGlite in a worker thread (default: with a data folder yes, in memory no). */
  embeddedWorker?: boolean;
}

/** Open the configured database (PGlite by default, PostgreSQL when `databaseUrl` is set). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.schema);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir, {
    sharedBuffersMb: options.sharedBuffersMb,
    worker: options.embeddedWorker,
    logger: options.logger,
  });
}
