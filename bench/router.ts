// Routing latency benchmark: one message through the router, embedding included (no cache), and the agent layer's
// full answer (routing + retrieval + extractive answer) on the demo knowledge base. Prints a table, or one JSON line
// with --json. Usage: npm run bench:router -- [--messages 300] [--embedder use-lite] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentLayer } from '../server/src/agents/index.js';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { createKnowledgeBase } from '../server/src/knowledge/index.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { loadRouterConfig } from '../server/src/router/config.js';
import { Router } from '../server/src/router/router.js';
import { benchArgs } from './cli.js';

const flags = benchArgs(
  'npm run bench:router --',
  'Routing latency (embedding included, no cache) and the full extractive answer on the demo knowledge base.',
  {
    messages: { type: 'number', default: 300, integer: true, help: 'messages to route' },
    embedder: { type: 'string', default: 'use-lite', help: 'use-lite | transformers:<model id> | hash' },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
const n = flags.messages;
const spec = flags.embedder;

// Original questions in the style of real support traffic; numbers make each text unique so no cache can help.
const TEMPLATES = [
  'I was charged twice for order {n}, can I get a refund',
  'the app crashes when I open invoice {n}',
  'where is my parcel {n}, tracking shows nothing',
  'how do I reset my password, the link {n} expired',
  'can I change the delivery address for order {n}',
  'what does the pro plan cost for {n} users',
  'I want to talk to a person about ticket {n}',
  'my verification code {n} is not accepted',
];

const embedder = await createEmbedder(spec);
await embedder.embed(['model warm-up']);
// Start-up: embedding every example, then the same with the cache a previous start wrote.
const cacheDir = mkdtempSync(join(tmpdir(), 'sb-bench-router-'));
const cacheFile = join(cacheDir, 'examples.json');
let t = performance.now();
const router = await Router.create(loadRouterConfig(), embedder, { cacheFile });
const startupColdMs = performance.now() - t;
t = performance.now();
await Router.create(loadRouterConfig(), embedder, { cacheFile });
const startupCachedMs = performance.now() - t;
rmSync(cacheDir, { recursive: true, force: true });
const texts = Array.from({ length: n }, (_, i) => TEMPLATES[i % TEMPLATES.length].replace('{n}', String(1000 + i)));
// Warm-up: the worker thread and the JIT need a few dozen calls before timings settle.
for (const t of texts.slice(0, 50)) await router.route({ text: `${t} warm-up` });
const routing: number[] = [];
// CPU time of the whole process (the embedding worker included) per routed message: unlike latency, it hardly
// depends on what else the machine runs.
const cpu0 = process.cpuUsage();
for (const text of texts) {
  const t0 = performance.now();
  await router.route({ text });
  routing.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
const embedOnly: number[] = [];
const logicOnly: number[] = [];
for (const text of texts.slice(0, 100)) {
  const t0 = performance.now();
  const [vector] = await embedder.embed([`${text} x`]);
  embedOnly.push(performance.now() - t0);
  const t1 = performance.now();
  await router.route({ text, vector });
  logicOnly.push(performance.now() - t1);
}
const kb = await createKnowledgeBase({ embedder, cacheSize: 0 });
await kb.ingestPath(new URL('../examples/demo-kb', import.meta.url).pathname);
const layer = await createAgentLayer({ config: loadRouterConfig(), embedder, knowledge: kb });
const answer: number[] = [];
for (const [i, text] of texts.slice(0, 100).entries()) {
  const t0 = performance.now();
  await layer.reply({
    conversationId: 'c',
    message: { id: `m${i}`, seq: 1, conversationId: 'c', role: 'customer', text, createdAt: '' },
    history: [],
    state: 'ai',
  });
  answer.push(performance.now() - t0);
}
await embedder.close();
const r = (x: number) => Math.round(x * 100) / 100;
const result = {
  embedder: embedder.id,
  messages: n,
  examples: loadRouterConfig().agents.reduce(
    (sum, a) => sum + a.examples.length + a.topics.reduce((n, t) => n + t.examples.length, 0),
    loadRouterConfig().human.outOfScope.length,
  ),
  startup_embed_examples_ms: Math.round(startupColdMs),
  startup_cached_examples_ms: Math.round(startupCachedMs),
  routing_p50_ms: r(percentile(routing, 50)),
  routing_p95_ms: r(percentile(routing, 95)),
  routing_cpu_ms_per_message: r((cpu.user + cpu.system) / 1000 / texts.length),
  embedding_p50_ms: r(percentile(embedOnly, 50)),
  embedding_p95_ms: r(percentile(embedOnly, 95)),
  // Keywords, kNN over every example, escalation rules and language detection, with the vector precomputed.
  routing_logic_p50_ms: r(percentile(logicOnly, 50)),
  routing_logic_p95_ms: r(percentile(logicOnly, 95)),
  answer_p50_ms: r(percentile(answer, 50)),
  answer_p95_ms: r(percentile(answer, 95)),
};
Object.assign(result, { load_average_1m: r(loadavg()[0]) });
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(36)} ${v}`);
