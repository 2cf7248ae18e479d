import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from './exit.js';

/** `switchboard train-router`: add labelled examples (e.g. exported staff corrections) to your router config. */
export function register(program: Command): void {
  program
    .command('train-router')
    .description('add labelled examples { text, agent } (JSONL) to your router configuration; duplicates and unknown agents are skipped')
    .requiredOption('--labels <file>', 'labelled examples, JSONL rows { text, agent } (e.g. from `switchboard export corrections`)')
    .option('-c, --config <file>', 'your router configuration to extend (JSON or YAML); created when missing')
    .option('--out <file>', 'where to write the result (default: --config, or ./agents.json)')
    .action(async (opts) => {
      // Loaded when the command runs, so `switchboard --help` does not pay for them.
      const { trainRouter } = await import('../router/train.js');
      let rows: string;
      try {
        rows = readFileSync(opts.labels, 'utf8');
      } catch (err) {
        throw new UsageError(`cannot read --labels: ${(err as Error).message}`);
      }
      const out = opts.out ?? opts.config ?? 'agents.json';
      const r = trainRouter(rows, { config: opts.config, out });
      const added = Object.entries(r.added).map(([a, n]) => `${a} +${n}`).join(', ') || 'nothing new';
      process.stdout.write(`${out}: ${added}; ${r.duplicates} duplicates\n`);
      for (const s of r.skipped) process.stderr.write(`line ${s.line}: ${s.reason}; skipped\n`);
      process.stdout.write(`restart the server with --config ${out} to use it\n`);
    });
}
