import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ensureCompiledServer, { BIN_ENV, BIN_NODE_ARGS, COMPILED_CLI } from '../../server/src/testing/compiled.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/** A `switchboard serve` child process that can be killed and restarted on the same port and data folder. */
export class ServerProcess {
  child?: ChildProcess;
  url = '';
  /** What the process printed up to its URL line (e.g. the inspector's address with `--inspect`). */
  output = '';
  /** `nodeArgs` go before the script (e.g. `--cpu-prof`); `env` is added to this process's environment. */
  /** `startTimeoutMs` bounds the wait for the URL line (default 120 s; a new data folder on a busy machine takes long). */
  constructor(
    private readonly args: string[],
    private readonly opts: {
      nodeArgs?: string[];
      env?: Record<string, string>;
      startTimeoutMs?: number;
      /** false: leave out the allocator and heap settings of the `switchboard` bin's shebang (default: as the bin runs). */
      binEnv?: boolean;
    } = {},
  ) {}

  /** Start and wait for the URL line; with `port` the restart binds the same address. */
  async start(port = 0): Promise<string> {
    // The compiled CLI, as users run it (rebuilt first when a source is newer).
    ensureCompiledServer();
    const child = spawn(
      process.execPath,
      [
        ...(this.opts.binEnv === false ? [] : BIN_NODE_ARGS),
        ...(this.opts.nodeArgs ?? []),
        COMPILED_CLI,
        'serve',
        '--port',
        String(port),
        '--no-demo',
        '--log-level',
        'error',
        ...this.args,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...(this.opts.binEnv === false ? {} : BIN_ENV), ...this.opts.env },
      },
    );
    this.child = child;
    this.url = '';
    this.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      // A server that never starts is killed, so no stray process keeps the data folder busy.
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`server did not start: ${out}`));
      }, this.opts.startTimeoutMs ?? 120_000);
      child.stdout!.on('data', (d) => {
        out += d;
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) {
          this.output = out;
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      // Kept up to date after start-up too: `openInspector` reads the address the inspector prints when it opens.
      child.stderr!.on('data', (d) => {
        out += d;
        if (this.url) this.output = out;
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    return this.url;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /**
   * Open the inspector of a running server (SIGUSR1; start it with `--inspect-port=127.0.0.1:0` for a free port) and
   * return its WebSocket address. Opened late so that readings taken before are not inflated by it (~15–20 MB).
   */
  async openInspector(timeoutMs = 10_000): Promise<string> {
    const find = () => /ws:\/\/\S+/.exec(this.output)?.[0];
    if (!find()) this.child!.kill('SIGUSR1');
    for (const end = performance.now() + timeoutMs; performance.now() < end;) {
      const url = find();
      if (url) return url;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the server did not open its inspector');
  }

  /** SIGKILL, as a crash would. */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (c.exitCode === null) c.kill('SIGKILL');
  }

  /** CPU seconds (user + system) of the process and of its main thread alone, and RSS bytes, from /proc (Linux). */
  usage(): { cpuSeconds: number; mainCpuSeconds: number; rssBytes: number } | undefined {
    try {
      const pid = this.child!.pid!;
      // Fields 14 and 15 of `stat` (utime, stime) in clock ticks; the main thread's task id is the process id.
      const ticks = (file: string) => {
        const stat = readFileSync(file, 'utf8').split(') ')[1].split(' ');
        return Number(stat[11]) + Number(stat[12]);
      };
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      return {
        cpuSeconds: ticks(`/proc/${pid}/stat`) / 100,
        mainCpuSeconds: ticks(`/proc/${pid}/task/${pid}/stat`) / 100,
        rssBytes: rss,
      };
    } catch {
      return undefined;
    }
  }
}
