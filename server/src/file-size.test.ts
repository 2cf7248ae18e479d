import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A file past ~300 lines is two files (docs/architecture.md). eslint's max-lines says the same in the editor
// (eslint.config.js); this test keeps the shrink-only list of older files honest.
const MAX_LINES = 300;
const root = fileURLToPath(new URL('../../', import.meta.url));
const knownFile = join(root, 'file-size.known.json');
const known = (JSON.parse(readFileSync(knownFile, 'utf8')) as { files: Record<string, number> }).files;

/** Test code, like the architecture rule's: tests, test helpers, corpora, the testing folders. */
const TEST_CODE = /(\.test\.tsx?$|\.test-helpers\.ts$|\.corpus\.ts$|browser-world\.ts$|\/testing\/)/;

/** Lines of the production sources (TypeScript and JavaScript; not tests, not generated data or JSON). */
function sourceSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const dir of ['server/src', 'widget/src']) {
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      const path = relative(root, join(entry.parentPath, entry.name));
      if (!entry.isFile() || !/\.(tsx?|mjs|js)$/.test(entry.name) || TEST_CODE.test(path)) continue;
      const text = readFileSync(join(root, path), 'utf8');
      sizes.set(path, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    }
  }
  return sizes;
}

describe(`no production file over ${MAX_LINES} lines`, () => {
  const sizes = sourceSizes();

  it('holds for every file not on the known list', () => {
    const over = [...sizes].filter(([path, lines]) => lines > MAX_LINES && !(path in known));
    expect(
      over.map(([path, lines]) => `${path}: ${lines} lines`),
      'split these by job; do not add them to file-size.known.json',
    ).toEqual([]);
  });

  it('lets the known files only shrink (file-size.known.json holds their size today)', () => {
    for (const [path, limit] of Object.entries(known)) {
      const lines = sizes.get(path);
      expect(
        lines,
        `${path} is gone or under ${MAX_LINES + 1} lines: remove it from file-size.known.json`,
      ).toBeGreaterThan(MAX_LINES);
      expect(lines, `${path} grew past its known size`).toBeLessThanOrEqual(limit);
      expect(lines, `${path} shrank: lower its number in file-size.known.json to ${lines}`).toBe(limit);
    }
  });
});
