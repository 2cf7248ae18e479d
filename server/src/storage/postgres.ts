import pg from 'pg';
import type { Database, Queryable } from './db.js';

// BIGINT and NUMERIC come back as strings by default; our counters fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** Connect a pool to a PostgreSQL server; with `schema`, every connection works in that schema (created when missing). */
export async function openPostgres(url: string, max: number, schema?: string): Promise<Database> {
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  // search_path as a start-up option applies to every pooled connection before its first query.
  const pool = new pg.Pool({ connectionString: url, max, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  // Fail fast with a clear error instead of on the first request.
  const client = await pool.connect();
  try {
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    client.release();
  }
  const query: Queryable['query'] = async <T>(sql: string, params: unknown[] = []) =>
    (await pool.query(sql, params)).rows as T[];
  return {
    kind: 'postgres',
    query,
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await fn({
          query: async <T>(sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows as T[],
        });
        await c.query('COMMIT');
        return result;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}
