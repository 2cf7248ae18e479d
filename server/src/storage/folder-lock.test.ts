import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockFolder } from './folder-lock.js';
import { openPglite } from './pglite.js';

const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'sb-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('lockFolder', () => {
  it('refuses a second holder of the same folder and frees it on release', () => {
    const dir = fresh();
    const release = lockFolder(dir);
    expect(readFileSync(join(dir, 'switchboard.pid'), 'utf8')).toBe(String(process.pid));
    expect(() => lockFolder(dir)).toThrow(expect.objectContaining({ code: 'data_dir_in_use' }));
    release();
    release(); // idempotent
    lockFolder(dir)();
  });

  it('refuses while another live process holds it, and takes over from a dead one', async () => {
    const dir = fresh();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, 'switchboard.pid'), String(other.pid));
      expect(() => lockFolder(dir)).toThrow(/in use by process \d+.*DATABASE_URL/s);
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    // The holder was killed (kill -9 leaves its file behind): the folder is taken over.
    const release = lockFolder(dir);
    expect(readFileSync(join(dir, 'switchboard.pid'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('takes over a file with its own pid that it does not hold (a restarted container is pid 1 again)', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'switchboard.pid'), String(process.pid));
    lockFolder(dir)();
  });

  it('keeps two embedded databases off one folder', async () => {
    const dir = fresh();
    const db = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toMatchObject({ code: 'data_dir_in_use' });
    await db.close();
    const again = await openPglite(dir);
    await again.close();
  }, 180_000);
});
