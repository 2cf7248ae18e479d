import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { CLI_ARGS } from '../testing/processes.js';
import { buildProgram } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../../', import.meta.url).pathname;
const env = { ...process.env, DATABASE_URL: '', SWITCHBOARD_DATA: '' };
/** The real `switchboard` process (for stdin and exit codes). */
const spawnCli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args, '--data', dir], { cwd: ROOT, encoding: 'utf8', input, env });
/** The same program in this process (each process start costs seconds): resolves with stdout, rejects with the error. */
async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await buildProgram().parseAsync(['node', 'switchboard', ...args, '--data', dir]);
    return out;
  } finally {
    spy.mockRestore();
  }
}

describe('switchboard user', () => {
  it('adds accounts from stdin and refuses bad input with exit code 2', () => {
    const added = spawnCli(
      ['user', 'add', '--email', 'Maria@Example.com', '--name', 'Maria', '--role', 'admin', '--password-stdin'],
      'a long enough password\n',
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^created admin maria@example\.com \(s_/);
    const short = spawnCli(['user', 'add', '--email', 'x@example.com', '--name', 'X', '--password-stdin'], 'short');
    expect(short.status).toBe(2);
    expect(short.stderr).toBe('switchboard: the password needs at least 10 characters\n');
  }, 120_000);

  it('lists, re-roles and disables accounts, which then log in (or not) at /api/auth/login', async () => {
    const addTom = spawnCli(
      ['user', 'add', '--email', 'tom@example.com', '--name', 'Tom', '--password-stdin'],
      'another long password',
    );
    expect(addTom.status).toBe(0);
    await expect(
      run(['user', 'add', '--email', 'maria@example.com', '--name', 'M', '--role', 'admin']),
    ).rejects.toThrow(/--password-stdin/); // no terminal here
    await expect(run(['user', 'add', '--email', 'y@example.com', '--name', 'Y', '--role', 'root'])).rejects.toThrow(
      /role must be agent or admin/,
    );
    await expect(run(['user', 'add', '--email', 'not-an-email', '--name', 'Y'])).rejects.toThrow(
      /not an e-mail address/,
    );

    expect(await run(['user', 'set-role', 'tom@example.com', 'admin'])).toBe('tom@example.com is now admin\n');
    expect(await run(['user', 'disable', 'tom@example.com'])).toBe('tom@example.com is disabled\n');
    await expect(run(['user', 'disable', 'nobody@example.com'])).rejects.toThrow(/no account with e-mail/);
    const list = await run(['user', 'list']);
    expect(
      list
        .trim()
        .split('\n')
        .map((l) => l.split('\t').slice(1)),
    ).toEqual([
      ['maria@example.com', 'Maria', 'admin', 'active'],
      ['tom@example.com', 'Tom', 'admin', 'disabled'],
    ]);

    const server = await startTestServer({ inMemory: false, dataDir: dir, logLevel: 'silent' });
    try {
      const login = (email: string, password: string) =>
        fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
      const ok = await login('maria@example.com', 'a long enough password');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ token: expect.any(String), staff: { name: 'Maria', role: 'admin' } });
      expect((await login('maria@example.com', 'wrong password!!')).status).toBe(401);
      expect((await login('tom@example.com', 'another long password')).status).toBe(401);
    } finally {
      await server.close();
    }
  }, 120_000);
});
