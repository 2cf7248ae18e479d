import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { openDatabase, type Database } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import type { ThreadDatabase } from './pglite-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-pglite-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inWorker = async (): Promise<ThreadDatabase> => {
  const db = (await openDatabase({ embeddedWorker: true })) as ThreadDatabase;
  await migrate(db);
  return db;
};

// One row of every kind the stores read back: timestamps, JSONB, bytea, bigint, numeric, arrays, null.
const KINDS = `SELECT now() AS at, '{"a":[1,{"b":null}],"c":"é"}'::jsonb AS doc, '\\x00ff10'::bytea AS bytes,
  9007199254740993::bigint AS big, 12::int AS small, 1.25::numeric AS exact, 0.5::float8 AS approx,
  ARRAY['x','y'] AS list, NULL::text AS nothing, true AS yes`;

describe('PGlite in a worker thread', () => {
  it('returns rows exactly as PGlite on the main thread does (dates, JSONB, bytea, bigint, numeric, null)', async () => {
    const main = await openDatabase({ embeddedWorker: false });
    const worker = await inWorker();
    try {
      const [a] = await main.query<Record<string, unknown>>(KINDS);
      const [b] = await worker.query<Record<string, unknown>>(KINDS);
      expect(b.at).toBeInstanceOf(Date);
      expect(b.bytes).toBeInstanceOf(Uint8Array);
      expect(typeof b.big).toBe('bigint');
      expect({ ...b, at: 0 }).toEqual({ ...a, at: 0 });
      expect(b.doc).toEqual({ a: [1, { b: null }], c: 'é' });
      const blob = new Uint8Array([0, 1, 2, 254, 255]);
      const [back] = await worker.query<{ v: Uint8Array }>('SELECT $1::bytea AS v', [blob]);
      expect(Array.from(back.v)).toEqual(Array.from(blob));
    } finally {
      await main.close();
      await worker.close();
    }
  });

  it('rejects with the PostgreSQL fields callers check (code, constraint, detail)', async () => {
    const db = await inWorker();
    try {
      await db.exec('CREATE TABLE t (k int PRIMARY KEY); INSERT INTO t VALUES (1);');
      const err = await db.query('INSERT INTO t VALUES (1)').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).toMatchObject({ code: '23505', constraint: 't_pkey', detail: 'Key (k)=(1) already exists.' });
      expect((err as Error).message).toMatch(/duplicate key/);
      await expect(db.query('SELECT * FROM missing')).rejects.toMatchObject({ code: '42P01' });
    } finally {
      await db.close();
    }
  });

  it('a transaction commits or rolls back as one, and calls made meanwhile wait behind it in call order', async () => {
    const db = await inWorker();
    try {
      await db.exec('CREATE TABLE t (k int PRIMARY KEY)');
      const seen: string[] = [];
      const before = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
      let inside!: () => void;
      const opened = new Promise<void>((r) => (inside = r));
      const tx = db.transaction(async (q) => {
        await q.query('INSERT INTO t VALUES (1)');
        inside();
        // Give a waiting outside call every chance to slip in before COMMIT.
        await new Promise((r) => setTimeout(r, 50));
        await q.query('INSERT INTO t VALUES (2)');
        seen.push('tx');
        return 'done';
      });
      await opened;
      const during = db.query<{ n: number }>('SELECT count(*)::int AS n FROM t').then((r) => {
        seen.push('outside');
        return r;
      });
      expect((await before)[0].n).toBe(0);
      expect(await tx).toBe('done');
      expect((await during)[0].n).toBe(2);
      expect(seen).toEqual(['tx', 'outside']);

      const failing = db.transaction(async (q) => {
        await q.query('INSERT INTO t VALUES (3)');
        await q.query('INSERT INTO t VALUES (1)'); // duplicate: the whole transaction goes
      });
      await expect(failing).rejects.toMatchObject({ code: '23505' });
      expect(await db.query('SELECT k FROM t ORDER BY k')).toEqual([{ k: 1 }, { k: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('a dead thread fails every waiting and later call with `unavailable` and logs why', async () => {
    const logger = { error: vi.fn() } as unknown as Logger;
    const path = join(dir, 'crash');
    const db = (await openPglite(path, { logger })) as ThreadDatabase;
    await db.query('SELECT 1');
    const waiting = db.query('SELECT 1');
    await db.terminate();
    const err = await waiting.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'unavailable' });
    expect((err as Error).message).toMatch(
      /embedded database \(PGlite worker thread, the data folder .*crash\) stopped/,
    );
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toMatchObject({ code: 'unavailable' });
    expect(logger.error).toHaveBeenCalledTimes(1);
    // The folder stays locked until close, which still releases it.
    await expect(openPglite(path)).rejects.toMatchObject({ code: 'data_dir_in_use' });
    await db.close();
    expect(existsSync(join(path, 'switchboard.pid'))).toBe(false);
    const again = await openPglite(path);
    expect(await again.query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
    await again.close();
  });

  it('a closed database refuses further calls instead of waiting forever', async () => {
    const db: Database = await inWorker();
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('keeps a process alive while a call is outstanding, and not once it is idle', () => {
    const script = `
      const { openPglite } = await import(${JSON.stringify(new URL('./pglite.ts', import.meta.url).pathname)});
      const db = await openPglite(${JSON.stringify(join(dir, 'exit'))});
      console.log(JSON.stringify(await db.query('SELECT 41 + 1 AS n')));
      // No close: an idle worker must not keep the process running.
    `;
    const file = join(dir, 'no-close.mts');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], {
      encoding: 'utf8',
      timeout: 150_000, // a new data folder on a loaded machine takes long; a hung process ends here
    });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('[{"n":42}]');
    expect(run.status).toBe(0);
  }, 180_000);
});
