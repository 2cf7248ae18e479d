import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// server/dist is what the npm package ships; test code compiled into it would ship too (and import vitest). tsc emits
// the files tsconfig.build.json lists plus whatever they import, so both are checked.
const server = fileURLToPath(new URL('../', import.meta.url));
/** Test code by name: tests, contracts, test helpers, corpora, the testing folder. */
const TEST_CODE = /(\.test\.tsx?|\.contract\.[jt]s|\.test-helpers\.[jt]s|\.corpus\.[jt]s)$|(^|\/)testing\//;

/** The files `tsc -p server/tsconfig.build.json` starts from, relative to server/. */
function buildRoots(): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    `${server}tsconfig.build.json`,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  return parsed!.fileNames.map((f) => relative(server, f));
}

/** The module specifiers a file imports or re-exports (static and dynamic). */
const importsOf = (file: string) =>
  ts.preProcessFile(readFileSync(`${server}${file}`, 'utf8'), true, true).importedFiles.map((i) => i.fileName);

describe('the server build (what the npm package ships)', () => {
  const roots = buildRoots();

  it('starts from production sources only', () => {
    expect(roots).toContain('src/public.ts');
    expect(roots.filter((f) => TEST_CODE.test(f))).toEqual([]);
  });

  it('pulls in no test code and no test framework through an import', () => {
    const offending = roots.flatMap((f) =>
      importsOf(f)
        .filter(
          (spec) => spec === 'vitest' || spec.startsWith('@vitest/') || (spec.startsWith('.') && TEST_CODE.test(spec)),
        )
        .map((spec) => `${f} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('tells test code from production code by name', () => {
    for (const f of ['src/storage/jobs.contract.ts', 'src/a/b.test.ts', 'src/testing/processes.ts', '../testing/x.js'])
      expect(TEST_CODE.test(f), f).toBe(true);
    for (const f of ['src/storage/jobs.ts', 'src/contracts.ts', './test-results.js'])
      expect(TEST_CODE.test(f), f).toBe(false);
  });
});
