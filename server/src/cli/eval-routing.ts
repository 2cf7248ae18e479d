import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LabelledRow, RoutingReport } from '../router/evaluate.js';
import { UsageError } from './exit.js';

/** `switchboard eval routing`: accuracy, macro-F1, human precision/recall and speed of the configured router. */
export function registerRouting(evalCmd: Command): void {
  evalCmd
    .command('routing')
    .description(
      'classify labelled messages { text, agent, ambiguous? } with the configured router and report accuracy',
    )
    .option('--labels <file>', 'labelled messages, JSONL rows { text, agent, ambiguous?, person?, reason? }')
    .option(
      '--cv <folds>',
      'instead of --labels: k-fold cross-validation on your configured examples (the shipped ones when you have none)',
      (v) => Number.parseInt(v, 10),
    )
    .option('--config <file>', 'router configuration (JSON or YAML); default: the shipped agents')
    .option('--embedder <spec>', 'use-lite | transformers:<model id> | hash', 'use-lite')
    .option('--model-dir <dir>', 'local Hugging Face models for transformers: embedders')
    .option('--json', 'print one JSON object as the last line')
    .action(async (opts) => {
      if (opts.cv !== undefined) return crossValidate(opts);
      if (!opts.labels) throw new UsageError('give --labels <file> or --cv <folds>');
      let rows: LabelledRow[];
      try {
        rows = readFileSync(opts.labels, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as LabelledRow);
      } catch (err) {
        throw new UsageError(`cannot read --labels: ${(err as Error).message}`);
      }
      const bad = rows.findIndex((r) => typeof r.text !== 'string' || typeof r.agent !== 'string');
      if (bad >= 0) throw new UsageError(`--labels line ${bad + 1}: needs "text" and "agent"`);
      // Loaded when the command runs, so `switchboard --help` does not pay for them.
      const [{ createEmbedder }, { loadRouterConfig }, { evaluateRouting }, { Router }] = await Promise.all([
        import('../knowledge/embedders/index.js'),
        import('../router/config.js'),
        import('../router/evaluate.js'),
        import('../router/router.js'),
      ]);
      const embedder = await createEmbedder(opts.embedder, { modelDir: opts.modelDir });
      try {
        const router = await Router.create(loadRouterConfig(opts.config), embedder);
        const report = await evaluateRouting(router, rows);
        if (!opts.json) printReport(report);
        // The JSON object is always the last line, so scripts can read it whatever the format.
        else process.stdout.write(`${JSON.stringify(report)}\n`);
      } finally {
        await embedder.close();
      }
    });
}

/** `eval routing --cv k`: the whole router cross-validated on the configured examples. */
async function crossValidate(opts: {
  cv: number;
  config?: string;
  embedder: string;
  modelDir?: string;
  json?: boolean;
}): Promise<void> {
  if (!Number.isInteger(opts.cv) || opts.cv < 2 || opts.cv > 20)
    throw new UsageError('--cv: a number of folds from 2 to 20');
  const [{ createEmbedder }, { loadRouterConfig }, { crossValidateRouting }] = await Promise.all([
    import('../knowledge/embedders/index.js'),
    import('../router/config.js'),
    import('../router/cross-validate.js'),
  ]);
  const embedder = await createEmbedder(opts.embedder, { modelDir: opts.modelDir });
  try {
    const config = loadRouterConfig(opts.config);
    const report = await crossValidateRouting(config, embedder, opts.cv, (f) =>
      process.stderr.write(`fold ${f}/${opts.cv} trained\n`),
    );
    if (opts.json) return void process.stdout.write(`${JSON.stringify(report)}\n`);
    process.stdout.write(
      report.own_examples
        ? `${opts.cv}-fold cross-validation on your ${report.n} examples\n`
        : `no examples of your own: ${opts.cv}-fold cross-validation on the ${report.n} shipped ones\n`,
    );
    printReport(report);
  } finally {
    await embedder.close();
  }
}

/** The human-readable report: totals, per-agent precision/recall and the confusion matrix. */
function printReport(report: RoutingReport): void {
  const labels = Object.keys(report.confusion);
  process.stdout.write(
    `n ${report.n}  accuracy ${report.accuracy}  non-ambiguous ${report.non_ambiguous_accuracy}  macro-F1 ${report.macro_f1}\n`,
  );
  process.stdout.write(
    `human precision ${report.human_precision}  recall ${report.human_recall}  calibration error ${report.calibration_error}  ${report.classifications_per_second} classifications/s\n\n`,
  );
  const h = report.handoff;
  if (h?.needs_person)
    process.stdout.write(
      `needs a person of the routed agent's team: ${h.needs_person} (${(h.rate * 100).toFixed(1)}%; ${Object.entries(
        h.by_policy,
      )
        .map(([p, n]) => `${p} ${n}`)
        .join(', ')}), routed to the labelled agent ${h.agent_accuracy}\n\n`,
    );
  const p = report.person;
  if (p) {
    const list = (m: Record<string, number>) =>
      Object.entries(m)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none';
    process.stdout.write(
      `goes to a person (${p.n} rows with a "person" label): precision ${p.precision}  recall ${p.recall}\n` +
        `  missed, by reason: ${list(p.missed_by_reason)}\n  sent to a person needlessly, by cause: ${list(p.false_alarms_by_cause)}\n\n`,
    );
  }
  process.stdout.write(`${'agent'.padEnd(12)}precision  recall  f1      support\n`);
  for (const [a, m] of Object.entries(report.per_agent))
    process.stdout.write(
      `${a.padEnd(12)}${String(m.precision).padEnd(11)}${String(m.recall).padEnd(8)}${String(m.f1).padEnd(8)}${m.support}\n`,
    );
  process.stdout.write(
    `\nconfusion (rows = label, columns = predicted)\n${''.padEnd(12)}${labels.map((l) => l.slice(0, 9).padEnd(10)).join('')}\n`,
  );
  for (const l of labels)
    process.stdout.write(`${l.padEnd(12)}${labels.map((p) => String(report.confusion[l][p]).padEnd(10)).join('')}\n`);
}
