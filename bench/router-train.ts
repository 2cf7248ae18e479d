// Retraining the router from N labelled examples in a worker thread, while the main thread keeps routing.
// Examples: the shared CLINC banking train rows and Bitext train rows (topic = intent), N in total. Their embeddings
// are cached on disk first, so the number is the training alone (cross-validated choice + calibration + off-topic).
// Usage: npm run bench:router-train -- [--examples 5000] [--json]
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { loadRouterConfig } from '../server/src/router/config.js';
import { embedExamples } from '../server/src/router/example-cache.js';
import { Router, type LabelledExample } from '../server/src/router/router.js';
import { benchArgs } from './cli.js';

const flags = benchArgs('npm run bench:router-train --', 'Router retraining time from N examples in a worker thread, and routing latency meanwhile.', {
  examples: { type: 'number', default: 5000, integer: true, help: 'labelled examples to train from' },
  data: { type: 'string', default: new URL('../../shared/data/routing/', import.meta.url).pathname, help: 'the shared routing data folder' },
  json: { type: 'boolean', help: 'print one JSON line' },
});
type Row = { text: string; agent: string; intent: string };
const read = (f: string): Row[] => readFileSync(join(flags.data, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const pool = [...read('supplementary_clinc_banking_train.jsonl'), ...read('train.jsonl').filter((r) => r.agent !== 'human')];
// Every k-th row, so all topics are represented at any N.
const step = pool.length / Math.min(flags.examples, pool.length);
const extra: LabelledExample[] = Array.from({ length: Math.min(flags.examples, pool.length) }, (_, i) => pool[Math.floor(i * step)]).map((r) => ({ text: r.text, agent: r.agent, topic: r.intent }));

const embedder = await createEmbedder('use-lite');
const cacheFile = join(tmpdir(), `sb-bench-router-train-${embedder.id.replace(/\W+/g, '_')}.json`);
const config = loadRouterConfig();
const auto = { ...config, routing: { ...config.routing, method: 'auto' as const } };
const shipped = [...auto.agents.flatMap((a) => a.topics.flatMap((t) => t.examples)), ...auto.human.outOfScope];
await embedExamples([...shipped, ...extra.map((e) => e.text)], embedder, cacheFile);
const router = await Router.create(auto, embedder, { cacheFile });
const [probe] = await embedder.embed(['I was charged twice for my order, can I get a refund']);

// Route every 20 ms on the main thread while the worker trains: the latencies show whether chats were blocked.
const latencies: number[] = [];
let training = true;
const routing = (async () => {
  while (training) {
    const t0 = performance.now();
    await router.route({ text: 'I was charged twice for my order, can I get a refund', vector: probe });
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
})();
const t0 = performance.now();
const info = await router.retrain(extra);
const trainMs = performance.now() - t0;
training = false;
await routing;
// Routing logic with the retrained model (all N examples in the kNN and off-topic scans), vector precomputed.
const after: number[] = [];
for (let i = 0; i < 200; i++) {
  const t1 = performance.now();
  await router.route({ text: 'I was charged twice for my order, can I get a refund', vector: probe });
  after.push(performance.now() - t1);
}
await embedder.close();
const result = {
  examples: info!.examples,
  topics: info!.topics,
  model: info!.model,
  cv_accuracy: info!.cvAccuracy,
  retrain_ms: Math.round(trainMs),
  worker_train_ms: info!.trainMs,
  routes_during_training: latencies.length,
  route_p50_ms_during_training: Math.round(percentile(latencies, 50) * 100) / 100,
  route_max_ms_during_training: Math.round(Math.max(...latencies) * 100) / 100,
  route_logic_p50_ms_after: Math.round(percentile(after, 50) * 100) / 100,
  route_logic_p95_ms_after: Math.round(percentile(after, 95) * 100) / 100,
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(32)} ${v}`);
