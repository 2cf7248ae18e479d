import { mkdtempSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from '../index.js';
import { readDocuments } from '../knowledge/ingest/files.js';
import { connectCustomer, request } from '../testing/harness.js';

// Findings 6 and 7: the knowledge base never reaches outside its folder; the data folder is private whatever the umask.
const modes = (dir: string, out: Array<{ path: string; mode: number; dir: boolean }> = []) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    out.push({ path, mode: st.mode & 0o777, dir: st.isDirectory() });
    if (st.isDirectory()) modes(path, out);
  }
  return out;
};

describe('knowledge-base ingestion', () => {
  it('refuses files that resolve outside the folder through symlinks, and keeps the rest', () => {
    const root = mkdtempSync(join(tmpdir(), 'sb-kb-'));
    const outside = mkdtempSync(join(tmpdir(), 'sb-secret-'));
    writeFileSync(join(outside, 'secret.md'), '# Secret\nthe database password is hunter2');
    mkdirSync(join(outside, 'folder'));
    writeFileSync(join(outside, 'folder', 'more.md'), '# More\nprivate text');
    writeFileSync(join(root, 'ok.md'), '# Returns\nYou can return items within 30 days.');
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'sub', 'inner.md'), '# Inner\ninside text');
    symlinkSync(join(outside, 'secret.md'), join(root, 'leak.md'));
    symlinkSync(join(root, 'sub', 'inner.md'), join(root, 'alias.md')); // a link that stays inside is fine
    const { docs, issues } = readDocuments(root);
    expect(docs.map((d) => d.id).sort()).toEqual(['alias', 'ok', 'sub/inner']);
    expect(issues).toEqual([expect.objectContaining({ file: 'leak.md', code: 'outside_root' })]);
    expect(JSON.stringify(docs)).not.toContain('hunter2');
  });
});

describe('data folder', () => {
  it('is 0700 with 0600 files, PGlite folder included, even under umask 000', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'sb-data-')), 'data');
    const previous = process.umask(0);
    try {
      const server = await createServer({ dataDir, embedder: 'hash', demo: false, logLevel: 'silent' });
      await server.listen(0, '127.0.0.1');
      const { socket } = await connectCustomer(
        `http://127.0.0.1:${(server.httpServer.address() as { port: number }).port}`,
      );
      await request(socket, 'message:send', { clientId: 'p1', text: 'private words' });
      // While running: the folder itself already keeps everyone else out.
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'db')).mode & 0o777).toBe(0o700);
      socket.disconnect();
      await server.close();
    } finally {
      process.umask(previous);
    }
    const all = modes(dataDir);
    expect(all.some((e) => e.path.includes(`${join(dataDir, 'db')}/`))).toBe(true);
    expect(all.filter((e) => e.dir && e.mode !== 0o700)).toEqual([]);
    expect(all.filter((e) => !e.dir && e.mode !== 0o600)).toEqual([]);
  }, 60_000);
});
