// Retraining the router from N labelled examples in a worker thread, while the main thread keeps routing.
// Examples: the shared CLINC banking train rows and Bitext train rows (topic = intent), N in total. It prints where the
// time goes: embedding the N texts with an empty cache (what a first import costs once), reading them back from the
// on-disk cache (what every later retrain costs), and the training phases in the worker (keyword features,
// cross-validation of the kNN and logistic candidates, choice + temperature, the final fit, the off-topic detector).
// Meanwhile the main thread routes a fresh message every 20 ms, embedding included: its p95 shows whether chats wait.
// Usage: npm run bench:router-train -- [--examples 5000] [--cold] [--json]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { loadRouterConfig } from '../server/src/router/config.js';
import { embedExamples } from '../server/src/router/example-cache.js';
import { forgetTrainedModels } from '../server/src/router/model.js';
import { Router, type LabelledExample } from '../server/src/router/router.js';
import { benchArgs } from './cli.js';

const flags = benchArgs(
  'npm run bench:router-train --',
  'Router retraining time from N examples in a worker thread, and routing latency meanwhile.',
  {
    examples: { type: 'number', default: 5000, integer: true, help: 'labelled examples to train from' },
    data: {
      type: 'string',
      default: new URL('../../shared/data/routing/', import.meta.url).pathname,
      help: 'the shared routing data folder',
    },
    cold: {
      type: 'boolean',
      help: 'start from an empty embedding cache and time embedding the N texts (about 10 ms each)',
    },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
type Row = { text: string; agent: string; intent: string };
const read = (f: string): Row[] =>
  readFileSync(join(flags.data, f), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
const pool = [
  ...read('supplementary_clinc_banking_train.jsonl'),
  ...read('train.jsonl').filter((r) => r.agent !== 'human'),
];
// Every k-th row, so all topics are represented at any N.
const step = pool.length / Math.min(flags.examples, pool.length);
const extra: LabelledExample[] = Array.from(
  { length: Math.min(flags.examples, pool.length) },
  (_, i) => pool[Math.floor(i * step)],
).map((r) => ({ text: r.text, agent: r.agent, topic: r.intent }));
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
const loadBefore = load();

const embedder = await createEmbedder('use-lite');
const cacheFile = join(tmpdir(), `sb-bench-router-train-${embedder.id.replace(/\W+/g, '_')}.json`);
// The trained model is cached on disk too; a stale one from an earlier run would skip the training being measured.
rmSync(`${cacheFile.replace(/\.json$/, '')}.model.json`, { force: true });
if (flags.cold) rmSync(cacheFile, { force: true });
const config = loadRouterConfig();
const auto = { ...config, routing: { ...config.routing, method: 'auto' as const } };
const shipped = [...auto.agents.flatMap((a) => a.topics.flatMap((t) => t.examples)), ...auto.human.outOfScope];
const hadCache = existsSync(cacheFile);
let t0 = performance.now();
await embedExamples([...shipped, ...extra.map((e) => e.text)], embedder, cacheFile);
const embedMs = performance.now() - t0;
const router = await Router.create(auto, embedder, { cacheFile });
forgetTrainedModels();

// Route a fresh text every 20 ms on the main thread while the worker trains, embedding included: the same
// USE-lite worker that a retrain would use to embed new examples, so this is what a customer waits.
const latencies: number[] = [];
let training = true;
const routing = (async () => {
  for (let i = 0; training; i++) {
    const t1 = performance.now();
    await router.route({ text: `I was charged twice for order ${10_000 + i}, can I get a refund` });
    latencies.push(performance.now() - t1);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
t0 = performance.now();
const info = await router.retrain(extra);
const trainMs = performance.now() - t0;
training = false;
await routing;
const [probe] = await embedder.embed(['I was charged twice for my order, can I get a refund']);
// Routing logic with the retrained model (all N examples in the kNN and off-topic scans), vector precomputed.
const after: number[] = [];
for (let i = 0; i < 200; i++) {
  const t1 = performance.now();
  await router.route({ text: 'I was charged twice for my order, can I get a refund', vector: probe });
  after.push(performance.now() - t1);
}
await embedder.close();
const ms = (x: number) => Math.round(x * 100) / 100;
const result = {
  examples: info!.examples,
  topics: info!.topics,
  model: info!.model,
  cv_accuracy: info!.cvAccuracy,
  [hadCache && !flags.cold ? 'embed_ms_cached' : 'embed_ms_cold']: Math.round(embedMs),
  retrain_ms: Math.round(trainMs),
  worker_train_ms: info!.trainMs,
  phases_ms: info!.phases,
  routes_during_training: latencies.length,
  route_p50_ms_during_training: ms(percentile(latencies, 50)),
  route_p95_ms_during_training: ms(percentile(latencies, 95)),
  route_max_ms_during_training: ms(Math.max(...latencies)),
  route_logic_p50_ms_after: ms(percentile(after, 50)),
  route_logic_p95_ms_after: ms(percentile(after, 95)),
  load_average_before: loadBefore.join(' '),
  load_average_after: load().join(' '),
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else
  for (const [k, v] of Object.entries(result))
    console.log(`${k.padEnd(32)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
