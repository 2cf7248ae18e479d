// "A site's own traffic": the owner labels N messages per topic of their real traffic and the router should get
// visibly better at once. From the shared CLINC banking + credit-card set: N train rows per intent (every 10th row,
// fixed before any run) become the owner's topics, N CLINC out-of-scope train rows the owner's off-topic examples;
// the evaluation is the banking dev set plus the CLINC out-of-scope dev rows (human), none of them seen in training.
// Usage: npm run bench:routing-site -- [--per-topic 10] [--method auto] [--json]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { loadRouterConfig } from '../server/src/router/config.js';
import { evaluateRouting, type LabelledRow, type RoutingReport } from '../server/src/router/evaluate.js';
import { embedExamples } from '../server/src/router/example-cache.js';
import { Router } from '../server/src/router/router.js';
import { benchArgs } from './cli.js';

const flags = benchArgs(
  'npm run bench:routing-site --',
  "Routing before and after training on N labelled messages per topic of a site's own traffic.",
  {
    'per-topic': { type: 'number', default: 10, integer: true, help: 'labelled messages per topic the owner gives' },
    method: {
      type: 'string',
      default: 'auto',
      help: 'routing.method after training: auto | knn | centroid | logistic',
    },
    data: {
      type: 'string',
      default: new URL('../../shared/data/routing/', import.meta.url).pathname,
      help: 'the shared routing data folder',
    },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
type Row = LabelledRow & { intent: string; source: string };
const read = (f: string): Row[] =>
  readFileSync(join(flags.data, f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

const byIntent = new Map<string, Row[]>();
for (const r of read('supplementary_clinc_banking_train.jsonl'))
  byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
const every = (rows: Row[], n: number) => rows.filter((_, i) => i % Math.floor(rows.length / n) === 0).slice(0, n);
const agents = new Map<string, Array<{ name: string; examples: string[] }>>();
for (const [intent, rows] of byIntent)
  agents.set(rows[0].agent, [
    ...(agents.get(rows[0].agent) ?? []),
    { name: intent, examples: every(rows, flags['per-topic']).map((r) => r.text) },
  ]);
const offTopic = every(
  read('train.jsonl').filter((r) => r.source.includes('oos')),
  flags['per-topic'],
).map((r) => r.text);
const shipped = loadRouterConfig();
const own = {
  agents: [...agents].map(([name, topics]) => ({
    ...shipped.agents.find((a) => a.name === name)!,
    examples: [],
    topics,
  })),
  human: { outOfScope: offTopic },
  routing: { method: flags.method },
};
const dir = join(tmpdir(), 'sb-bench-routing-site');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'site.yaml');
writeFileSync(file, stringify(own));
const test = [
  ...read('supplementary_clinc_banking_dev.jsonl'),
  ...read('dev.jsonl').filter((r) => r.source.includes('oos')),
];

const embedder = await createEmbedder('use-lite');
// The test messages are embedded once for both runs (cached on disk between runs of this script).
const vectors = await embedExamples(
  test.map((r) => r.text),
  embedder,
  join(dir, `test-${embedder.id.replace(/\W+/g, '_')}.json`),
);
const vectorOf = new Map(test.map((r, i) => [r.text, vectors[i]]));
async function measure(
  config: ReturnType<typeof loadRouterConfig>,
): Promise<{ report: RoutingReport; model?: unknown; trainMs: number }> {
  const t = performance.now();
  const router = await Router.create(config, embedder, { cacheFile: join(dir, 'examples.json') });
  const trainMs = Math.round(performance.now() - t);
  const route = router.route.bind(router);
  router.route = (input) => route({ ...input, vector: vectorOf.get(input.text) });
  return { report: await evaluateRouting(router, test), model: router.modelInfo(), trainMs };
}
const before = await measure(shipped);
const after = await measure(loadRouterConfig(file));
await embedder.close();
const pick = (r: RoutingReport) => ({
  n: r.n,
  non_ambiguous: r.non_ambiguous_accuracy,
  accuracy: r.accuracy,
  macro_f1: r.macro_f1,
  human_precision: r.human_precision,
  human_recall: r.human_recall,
  ece: r.calibration_error,
});
const result = {
  per_topic: flags['per-topic'],
  owner_examples: [...byIntent.keys()].length * flags['per-topic'],
  before: pick(before.report),
  after: pick(after.report),
  model: after.model,
  train_ms: after.trainMs,
  per_agent_after: after.report.per_agent,
  calibration_curve_after: after.report.calibration_curve,
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else console.log(JSON.stringify(result, null, 1));
