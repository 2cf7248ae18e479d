import { Worker } from 'node:worker_threads';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import type { Database, Queryable } from './db.js';

/** Where the worker's database lives: a data folder, or in memory restored from a dump (tests). */
export type ThreadSource = { dataDir: string } | { dump: ArrayBuffer; module?: WebAssembly.Module };

/** A PGlite database running in a worker thread; `terminate` ends the thread abruptly (tests simulate a crash). */
export type ThreadDatabase = Database & { terminate(): Promise<void> };

type Reply = { id?: number; ready?: boolean; rows?: unknown; error?: Record<string, unknown>; wasm?: number };
type Waiter = { resolve: (rows: unknown) => void; reject: (err: Error) => void };

/** An error thrown inside the worker, rebuilt with the fields callers check (`code`, `constraint`, `detail`…). */
function rebuild(plain: Record<string, unknown>): Error {
  const err = new Error(String(plain.message));
  Object.assign(err, plain);
  return err;
}

/**
 * Open PGlite in a worker thread behind the `Database` interface. Plain statements are posted as soon as they are
 * called (the worker runs them in order, so they pipeline); a transaction holds the line: BEGIN, the statements of
 * `fn` and COMMIT or ROLLBACK go to the worker while every other call waits, in call order, behind it. If the thread
 * dies, every waiting and later call rejects with `unavailable` and the cause is logged once.
 */
export async function openPgliteThread(
  source: ThreadSource,
  options: { postgresqlconf?: string; logger?: Logger; release?: () => void } = {},
): Promise<ThreadDatabase> {
  const release = options.release ?? (() => undefined);
  const where = 'dataDir' in source ? `the data folder ${source.dataDir}` : 'memory';
  const worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), {
    workerData: { ...source, postgresqlconf: options.postgresqlconf },
  });
  const waiting = new Map<number, Waiter>();
  let nextId = 1;
  let wasm = 0;
  // Set once the thread has died or the database was closed: every later call rejects with it.
  let failure: Error | undefined;
  let started = false;
  let closing = false;

  const fail = (cause: Error) => {
    if (failure || !started) return;
    failure = new AppError(
      'unavailable',
      `The embedded database (PGlite worker thread, ${where}) stopped: ${cause.message}. Every database call fails until the server is restarted.`,
      { cause },
    );
    // The whole story in the message: at 3 a.m. this line and `/readyz` answering 503 are what an operator sees.
    if (options.logger) options.logger.error({ err: cause, where }, failure.message);
    else console.error(failure.message);
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if (reply.wasm) wasm = reply.wasm;
      if (reply.ready) return resolve();
      const w = waiting.get(reply.id!);
      if (!w) return;
      waiting.delete(reply.id!);
      // An idle worker must not keep the process alive; one with work outstanding must.
      if (!waiting.size && !closing) worker.unref();
      if (reply.error) w.reject(rebuild(reply.error));
      else w.resolve(reply.rows);
    });
    worker.on('error', (err) => {
      reject(err);
      fail(err);
    });
    worker.on('exit', (code) => {
      const err = new Error(`the thread exited with code ${code}`);
      reject(err);
      fail(err);
    });
  });
  try {
    await ready;
  } catch (err) {
    release();
    throw err;
  }
  started = true;
  worker.unref();

  const send = <T>(op: string, sql?: string, params?: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (rows: unknown) => void, reject });
      if (waiting.size === 1) worker.ref();
      worker.postMessage({ id, op, sql, params });
    });
  };

  // Calls made while a transaction is queued or open wait behind it, in call order; otherwise they go at once.
  let tail: Promise<unknown> = Promise.resolve();
  let transactions = 0;
  const inLine = <T>(post: () => Promise<T>): Promise<T> => (transactions ? tail.then(post) : post());
  const tx: Queryable = { query: (sql, params = []) => send('query', sql, params) };

  const runTransaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    // BEGIN is not awaited before `fn` starts: the worker runs requests in order, and a failed BEGIN fails COMMIT.
    const begun = send('query', 'BEGIN');
    begun.catch(() => undefined);
    try {
      const result = await fn(tx);
      await begun;
      await send('query', 'COMMIT');
      return result;
    } catch (err) {
      await send('query', 'ROLLBACK').catch(() => undefined);
      throw err;
    }
  };

  return {
    kind: 'pglite',
    query: (sql, params = []) => inLine(() => send('query', sql, params)),
    transaction: (fn) => {
      transactions++;
      const run = tail.then(() => runTransaction(fn));
      tail = run.then(
        () => void transactions--,
        () => void transactions--,
      );
      return run;
    },
    exec: (sql) => inLine(() => send<void>('exec', sql)),
    wasmBytes: () => wasm,
    close: () =>
      inLine(async () => {
        if (failure) return release(); // the thread is gone already; the folder lock is all that is left
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        closing = true; // stay referenced until the thread has exited, or the process could end first
        try {
          const closed = send('close');
          failure = new AppError('unavailable', 'The embedded database is closed.');
          await closed;
          await exited;
        } finally {
          release();
        }
      }),
    terminate: async () => void (await worker.terminate()),
  };
}
