// The whole benchmark suite: `npm run bench [-- --quick]`. Runs each benchmark as its own process (so one's memory and
// warm caches never colour another's), keeps the last JSON line of each, and writes bench/results/latest.json and
// latest.md. A benchmark that is missing or fails is recorded as "not available" with its error; the suite goes on.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchArgs } from './cli.js';
import { renderMarkdown, type Results } from './markdown.js';

const ROOT = new URL('../', import.meta.url).pathname;
const { quick } = benchArgs(
  'npm run bench --',
  'The whole benchmark suite; writes bench/results/latest.json and latest.md.',
  {
    quick: { type: 'boolean', help: 'shorter runs and smaller sizes (a few minutes instead of ~20)' },
  },
);
const QUERIES = new URL('../../shared/data/kb/queries.jsonl', import.meta.url).pathname;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Run `node args…` (bounded to 30 minutes) and parse the last stdout line as JSON. */
function run(name: string, script: string, args: string[], nodeArgs = ['--import', 'tsx']): unknown {
  if (!existsSync(`${ROOT}${script}`)) return { error: 'not available', reason: `${script} does not exist` };
  process.stderr.write(
    `\n== ${name}: node ${[...nodeArgs, script, ...args].join(' ')}   (load average ${round1(loadavg()[0])})\n`,
  );
  const started = Date.now();
  const r = spawnSync(process.execPath, [...nodeArgs, script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout?.trim().split('\n').pop() ?? '';
  try {
    const value = JSON.parse(last) as Record<string, unknown>;
    process.stderr.write(`   done in ${Math.round((Date.now() - started) / 1000)} s\n`);
    return { ...value, load_average: round1(loadavg()[0]) };
  } catch {
    process.stderr.write(`   not available (exit ${r.status})\n`);
    return { error: 'not available', status: r.status, stderr: (r.stderr ?? '').slice(-500) };
  }
}

const load = (clients: number, rate: number, seconds: number, extra: string[] = []) =>
  run(`load, ${clients} clients at ${round1(clients * rate)} msg/s ${extra.join(' ')}`, 'bench/load.ts', [
    '--clients',
    String(clients),
    '--duration',
    String(seconds),
    '--rate',
    String(rate),
    '--json',
    ...extra,
  ]);
const long = quick ? 20 : 60;

const results: Results = {
  date: new Date().toISOString(),
  quick,
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? '',
    memory_gb: round1(totalmem() / 1e9),
    node: process.version,
    loadavg_at_start: loadavg().map(round1),
  },
  widget: run('widget sizes', 'bench/widget-size.mjs', ['--json'], []),
  routing: run('routing', 'bench/router.ts', ['--json', '--messages', quick ? '100' : '300']),
  knowledge: {
    '1k': run(
      'knowledge base, 1k chunks',
      'bench/kb.ts',
      ['--json', '--chunks', '1000', '--no-use-lite'],
      ['--expose-gc', '--import', 'tsx'],
    ),
    '10k': run(
      'knowledge base, 10k chunks',
      'bench/kb.ts',
      ['--json', '--chunks', '10000', '--no-use-lite'],
      ['--expose-gc', '--import', 'tsx'],
    ),
    // Last, so bench/results/kb.json (written by kb.ts) holds the 20k run with the USE-lite embedding figures.
    '20k': run(
      'knowledge base, 20k chunks',
      'bench/kb.ts',
      ['--json', '--chunks', quick ? '5000' : '20000'],
      ['--expose-gc', '--import', 'tsx'],
    ),
  },
  storage: run('database work per message', 'bench/storage.ts', ['--json', '--messages', quick ? '200' : '500']),
  load_100: load(100, 0.2, long),
  load_1000_20: load(1000, 0.02, long),
  load_1000_100: load(1000, 0.1, long),
  // Same traffic on PostgreSQL: the embedded database runs on the event loop, PostgreSQL in its own processes.
  load_1000_100_postgres: load(1000, 0.1, long, ['--postgres']),
  load_1000_20_queries: existsSync(QUERIES)
    ? load(1000, 0.02, long, ['--queries', QUERIES])
    : { error: 'not available', reason: `${QUERIES} is absent` },
  chaos: load(quick ? 100 : 300, 0.05, quick ? 20 : 40, ['--chaos']),
  cold_start: run('cold start with a persisted 10k-chunk index', 'bench/cold-start.ts', [
    '--json',
    '--chunks',
    quick ? '2000' : '10000',
    '--runs',
    quick ? '1' : '3',
  ]),
};

mkdirSync(`${ROOT}bench/results`, { recursive: true });
writeFileSync(`${ROOT}bench/results/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
const md = renderMarkdown(results);
writeFileSync(`${ROOT}bench/results/latest.md`, md);
process.stdout.write(md);
