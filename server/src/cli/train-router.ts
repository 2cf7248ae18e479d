import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { TrainingRow } from '../router/train.js';
import { UsageError } from './exit.js';

const collect = (value: string, all: string[]) => [...all, value];

/** `switchboard train-router`: add labelled examples (JSONL or a help desk's CSV export) to your router configuration. */
export function register(program: Command): void {
  program
    .command('train-router')
    .description(
      'add labelled examples (JSONL { text, agent?, topic? } or a CSV export) to your router configuration and show the cross-validated accuracy before and after',
    )
    .requiredOption(
      '--labels <file>',
      'JSONL rows { text, agent?, topic? } (e.g. `switchboard export corrections`) or a .csv with subject/description/category columns',
    )
    .option('-c, --config <file>', 'your router configuration to extend (JSON or YAML); created when missing')
    .option('--out <file>', 'where to write the result (default: --config, or ./agents.json)')
    .option(
      '--map <category=agent>',
      'CSV: send a category to an agent (repeatable); it becomes a topic of that agent',
      collect,
      [],
    )
    .option('--embedder <spec>', 'embedder for the before/after cross-validation', 'use-lite')
    .option('--no-eval', 'skip the before/after cross-validation')
    .action(async (opts) => {
      // Loaded when the command runs, so `switchboard --help` does not pay for them.
      const { parseCsvRows, parseJsonlRows, trainRouter } = await import('../router/train.js');
      let text: string;
      try {
        text = readFileSync(opts.labels, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read --labels: ${(err as Error).message}`);
      }
      const map: Record<string, string> = {};
      for (const m of opts.map as string[]) {
        const at = m.lastIndexOf('=');
        if (at <= 0) throw new UsageError(`--map ${m}: expected category=agent`);
        map[m.slice(0, at).trim()] = m.slice(at + 1).trim();
      }
      let rows: TrainingRow[];
      let skipped: Array<{ line: number; reason: string }> = [];
      try {
        if (/\.csv$/i.test(opts.labels)) rows = parseCsvRows(text, map);
        else ({ rows, skipped } = parseJsonlRows(text));
      } catch (err) {
        throw new UsageError(`cannot parse --labels: ${(err as Error).message}`);
      }
      const out = opts.out ?? opts.config ?? 'agents.json';
      const before = opts.eval ? await crossValidated(opts.config, opts.embedder, 'before') : undefined;
      const r = trainRouter(rows, { config: opts.config, out });
      const added =
        Object.entries(r.added)
          .map(([a, n]) => `${a} +${n}`)
          .join(', ') || 'nothing new';
      process.stdout.write(`${out}: ${added}; ${r.duplicates} duplicates\n`);
      for (const s of [...skipped, ...r.skipped]) process.stderr.write(`line ${s.line}: ${s.reason}; skipped\n`);
      if (before) {
        const after = await crossValidated(out, opts.embedder, 'after');
        process.stdout.write(`cross-validated agent accuracy: before ${fmt(before)}, after ${fmt(after)}\n`);
      }
      process.stdout.write(`restart the server with --config ${out} to use it (or relabel in the console: live)\n`);
    });
}

type Cv = { accuracy: number; site?: number; model: string };
const fmt = (c: Cv) => `${c.accuracy}${c.site !== undefined ? ` (your examples ${c.site})` : ''} [${c.model}]`;

/** Train the auto model on a config (with a progress bar) and return its cross-validated accuracy. */
async function crossValidated(configFile: string | undefined, spec: string, label: string): Promise<Cv> {
  const [{ createEmbedder }, { loadRouterConfig }, { Router }] = await Promise.all([
    import('../knowledge/embedders/index.js'),
    import('../router/config.js'),
    import('../router/router.js'),
  ]);
  let config;
  try {
    config = loadRouterConfig(configFile);
  } catch {
    config = loadRouterConfig();
  }
  const embedder = await createEmbedder(spec);
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(6)} {bar} {percentage}% cross-validation`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0);
  try {
    const router = await Router.create({ ...config, routing: { ...config.routing, method: 'auto' } }, embedder, {
      inline: true,
      onProgress: (done, total) => (bar.setTotal(total), bar.update(done)),
    });
    const info = router.modelInfo();
    return { accuracy: info.cvAccuracy ?? Number.NaN, site: info.cvSiteAccuracy, model: info.model };
  } finally {
    bar.stop();
    await embedder.close();
  }
}
