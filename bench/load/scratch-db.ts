import pg from 'pg';
import { reachable, TEST_DATABASE_URL } from '../../server/src/testing/services.js';

const log = (l: string) => process.stderr.write(`${l}\n`);

/** Run `fn` against a scratch database on the local PostgreSQL (or DATABASE_URL as given); undefined when none is reachable. */
export async function withScratchDatabase<T>(fn: (url: string) => Promise<T>): Promise<T | undefined> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  if (!(await reachable(5432))) return undefined;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  const name = `sb_bench_${process.pid}`;
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    log(`PostgreSQL skipped: ${(err as Error).message}`);
    await admin.end().catch(() => undefined);
    return undefined;
  }
  try {
    return await fn(TEST_DATABASE_URL.replace(/\/[^/]*$/, `/${name}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
