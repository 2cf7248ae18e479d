import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { BIN_ENV, BIN_NODE_ARGS, COMPILED_CLI } from './compiled.js';
import { TEST_DATABASE_URL } from './services.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Arguments that run the compiled `switchboard` CLI (kept fresh by the global setup in ./compiled.ts). */
export const CLI_ARGS = [COMPILED_CLI];

/** What a finished CLI run printed. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the compiled CLI without blocking the test's event loop (unlike spawnSync): while it runs, fetch's pool keeps
 * evicting idle keep-alive sockets on its own timer (4 s, under the server's 5 s), so the next request never lands on a
 * socket the server is closing at that moment (undici#3141, the once-flaky read in cli/admin-link.test.ts).
 */
export function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const child = spawn(process.execPath, [...CLI_ARGS, ...args], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 110_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A `switchboard serve` child process and the URL it printed. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/**
 * Spawn a process that prints `running at <url>` when ready (any way of running `switchboard serve`) and wait for it.
 * The one start-up helper of the tests: its limit is generous (5 minutes) because the shared 2-core machine can be
 * very busy; a server that exits or never starts still fails with its output.
 */
export function spawnServer(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; detached?: boolean; timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    detached: options.detached,
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const limit = options.timeoutMs ?? 300_000;
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${limit / 1000} s: ${out}`));
    }, limit);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], exited });
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/** Start the compiled `switchboard serve` from the repository (hash embedder, no demo) and wait until it prints its URL. */
export function startServeProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  return spawnServer(
    process.execPath,
    [...BIN_NODE_ARGS, ...CLI_ARGS, 'serve', '--embedder', 'hash', '--no-demo', '--log-level', 'warn', ...args],
    { env: { ...process.env, ...BIN_ENV, ...env } },
  );
}

/** Create an empty PostgreSQL schema and return a DATABASE_URL that uses it, so test runs never collide. */
export async function freshDatabaseUrl(base = TEST_DATABASE_URL): Promise<string> {
  const schema = `sb_test_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}
