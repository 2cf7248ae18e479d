import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// All SQL lives under server/src/storage/, behind small stores each contract-tested on PGlite and PostgreSQL (issue 18).
// sql-home.known.json lists the files still holding SQL elsewhere; the list only shrinks.
const root = fileURLToPath(new URL('../../', import.meta.url));
const knownFile = join(root, 'sql-home.known.json');
const known = (JSON.parse(readFileSync(knownFile, 'utf8')) as { files: string[] }).files;

/** Test code, like the architecture rule's: tests, test helpers, corpora, the testing folder. */
const TEST_CODE = /(\.test\.tsx?$|\.test-helpers\.ts$|\.corpus\.ts$|browser-world\.ts$|\/testing\/)/;
/** SQL handed to a database: `.query(` / `.exec(` with a literal first argument (not Hono's `c.req.query('q')`). */
const SQL_CALL = /(?<!\breq)\.(query|exec)\s*(<[^()]*>)?\s*\(\s*[`'"]/;
/** SQL statements written anywhere (upper case, as everywhere in this code base). */
const SQL_TEXT = /\b(SELECT\b[^;]*?\bFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b/;

/** The code of a file without its comments (a comment may quote SQL). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1');

/** Production files of server/src outside storage/ that contain SQL. */
function filesWithSql(): string[] {
  const dir = join(root, 'server/src');
  const found: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name));
    if (!entry.isFile() || !/\.(tsx?|mjs|js)$/.test(entry.name) || TEST_CODE.test(path)) continue;
    if (path.startsWith('server/src/storage/')) continue;
    const text = code(readFileSync(join(root, path), 'utf8'));
    if (SQL_CALL.test(text) || SQL_TEXT.test(text)) found.push(path);
  }
  return found.sort();
}

describe('all SQL under server/src/storage/', () => {
  const found = filesWithSql();

  it('holds for every production file not on the known list', () => {
    expect(
      found.filter((path) => !known.includes(path)),
      'move this SQL into a store under server/src/storage/ (with a contract test); do not add it to sql-home.known.json',
    ).toEqual([]);
  });

  it('keeps no stale entry in sql-home.known.json (the list only shrinks)', () => {
    expect(
      known.filter((path) => !found.includes(path)),
      'no SQL left there: remove these lines from sql-home.known.json',
    ).toEqual([]);
  });

  it('finds SQL calls and statements, not comments about them', () => {
    expect(SQL_CALL.test("await db.query<{ n: number }>('SELECT 1')")).toBe(true);
    expect(SQL_CALL.test('await tx.query(`DELETE FROM t`)')).toBe(true);
    expect(SQL_CALL.test('await embeddings.query(text)')).toBe(false);
    expect(SQL_CALL.test("const q = c.req.query('q')")).toBe(false);
    expect(SQL_TEXT.test("const SQL = 'UPDATE conversations SET last_seq = 1'")).toBe(true);
    expect(SQL_TEXT.test('SELECT id\n  FROM jobs')).toBe(true);
    expect(SQL_TEXT.test('Select a file from the list')).toBe(false);
    expect(code('// SELECT * FROM t\nconst url = "http://x"; /* DELETE FROM t */')).toBe('\nconst url = "http://x"; ');
  });
});
