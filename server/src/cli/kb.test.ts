import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-kb-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (args: string[]) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args], { encoding: 'utf8', timeout: 110_000 });

describe('switchboard kb list|remove', () => {
  it('lists documents per folder, removes one folder, and exits 2 for a folder it does not hold', () => {
    const data = join(dir, 'data');
    for (const name of ['demo', 'shop']) {
      mkdirSync(join(dir, name));
      // Distinct file names: a document's id is its path inside the folder, so same-named files would replace each other.
      writeFileSync(join(dir, name, `${name}-a.md`), `# ${name} article\n\nText of the ${name} article.`);
      writeFileSync(join(dir, name, `${name}-b.md`), `# ${name} second\n\nMore ${name} text.`);
      const r = cli(['ingest', join(dir, name), '--data', data, '--embedder', 'hash', '--json']);
      expect(r.status, r.stderr).toBe(0);
    }
    const listed = cli(['kb', 'list', '--data', data, '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      { source: `path:${join(dir, 'demo')}`, documents: 2, chunks: 2 },
      { source: `path:${join(dir, 'shop')}`, documents: 2, chunks: 2 },
    ]);
    const removed = cli(['kb', 'remove', join(dir, 'demo'), '--data', data]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/removed 2 documents/);
    expect(cli(['kb', 'list', '--data', data]).stdout.trim()).toBe(`${join(dir, 'shop')}\t2 documents\t2 chunks`);
    const again = cli(['kb', 'remove', join(dir, 'demo'), '--data', data]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/no documents from/);
  }, 240_000);
});
