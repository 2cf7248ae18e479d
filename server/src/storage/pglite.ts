import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable } from './db.js';
import { lockFolder } from './folder-lock.js';
import { migrate } from './migrate.js';
import { openPgliteThread } from './pglite-thread.js';
import type { Logger } from '../util/logger.js';

/**
 * A FIFO that runs one database operation at a time and starts each in a fresh macrotask. PGlite runs on this thread
 * and chains its queued queries through microtasks, so without the yield a backlog of queries runs as one block:
 * socket reads and writes, timers and heartbeats all wait until it drains (measured: 2,000 queued inserts starved the
 * event loop for over a second). Yielding between operations lets I/O interleave at a small throughput cost.
 */
export function yieldingQueue(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (op) => {
    const run = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(op);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Run initdb for a new data folder in a worker thread that exits afterwards (its memory goes with it). */
function initInWorker(dataDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pglite-init.worker.mjs', import.meta.url), { workerData: { dataDir } });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`creating the embedded database failed (exit ${code})`)),
    );
  });
}

/** How to open the embedded database. */
export interface PgliteOptions {
  /** PostgreSQL's buffer cache inside the WebAssembly heap (PGlite's default is 128 MB). */
  sharedBuffersMb?: number;
  /** Run PGlite in a worker thread (default: yes for a data folder, no in memory). */
  worker?: boolean;
  /** Where a crash of the worker thread is reported. */
  logger?: Logger;
}

/**
 * Open an embedded PGlite database in `dataDir` (or in memory). With a data folder it runs in a worker thread unless
 * `worker` is false; in memory (tests) it runs on this thread unless `worker` is true. `sharedBuffersMb` sizes
 * PostgreSQL's buffer cache inside the WebAssembly heap (the operating system caches the data files as well).
 */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? lockFolder(dataDir) : () => undefined;
  const postgresqlconf = options.sharedBuffersMb ? `shared_buffers=${options.sharedBuffersMb}MB` : undefined;
  const conf = postgresqlconf ? { postgresqlconf } : {};
  const threaded = options.worker ?? Boolean(dataDir);
  let pg: PGlite;
  try {
    if (dataDir && !existsSync(join(dataDir, 'PG_VERSION'))) await initInWorker(dataDir);
    if (threaded) {
      const source = dataDir ? { dataDir } : await memorySource();
      return await openPgliteThread(source, { postgresqlconf, logger: options.logger, release });
    }
    // Loaded here: with the worker thread (`serve`'s default) the main thread never needs PGlite's JavaScript.
    const [{ PGlite: Engine }, { openMemoryPglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('./pglite-memory.js'),
    ]);
    pg = dataDir
      ? await Engine.create(dataDir, conf)
      : await openMemoryPglite(conf, (fresh) => migrate(asDatabase(fresh)));
  } catch (err) {
    release();
    throw err;
  }
  return asDatabase(pg, release);
}

let dumped: Promise<{ dump: ArrayBuffer; module: WebAssembly.Module }> | undefined;
/** The migrated in-memory template as bytes a worker thread can restore (made once per process). */
function memorySource(): Promise<{ dump: ArrayBuffer; module: WebAssembly.Module }> {
  dumped ??= import('./pglite-memory.js')
    .then(({ memoryTemplate }) => memoryTemplate((fresh) => migrate(asDatabase(fresh))))
    .then(async (t) => ({ dump: await t.dump.arrayBuffer(), module: t.module }));
  return dumped;
}

const wrap = (q: { query: PGlite['query'] }): Queryable => ({
  async query<T>(sql: string, params: unknown[] = []) {
    const res = await q.query<T>(sql, params as unknown[]);
    return res.rows;
  },
});

/** Wrap a PGlite as a `Database` whose operations run one at a time; `release` runs after it closes. */
function asDatabase(pg: PGlite, release: () => void = () => undefined): Database {
  const direct = wrap(pg);
  const enqueue = yieldingQueue();
  return {
    kind: 'pglite',
    query: (sql, params) => enqueue(() => direct.query(sql, params)),
    // Queries inside the transaction go straight to it: the queue already holds the slot.
    transaction: (fn) => enqueue(() => pg.transaction((tx) => fn(wrap(tx)))),
    exec: (sql) => enqueue(async () => void (await pg.exec(sql))),
    // PGlite keeps its Emscripten module private; the memory's size is all we read from it.
    wasmBytes: () =>
      (pg as unknown as { mod?: { wasmMemory?: WebAssembly.Memory } }).mod?.wasmMemory?.buffer.byteLength ?? 0,
    close: () =>
      enqueue(async () => {
        try {
          await pg.close();
        } finally {
          release();
        }
      }),
  };
}
