// Embedding cost per text with USE-lite: CPU time of the whole process (main thread and the embedding worker) per
// embedded text, for `--concurrency` callers each embedding one short message at a time, across the graph executors
// (TensorFlow.js's executeAsync, our synchronous run) and with micro-batching on (batches ≤ 8) or off (batches of 1,
// one graph run per message, as before micro-batching). CPU time, not latency: the machine is shared.
// Usage: npm run bench:embed -- [--texts 400] [--rounds 3] [--concurrency 1,4,16] [--json]
import { cpus, loadavg } from 'node:os';
import { createUseLiteEmbedder } from '../server/src/knowledge/embedders/use-lite.js';
import { benchArgs } from './cli.js';

const flags = benchArgs('npm run bench:embed --', 'USE-lite CPU time per embedded text by concurrency.', {
  texts: { type: 'number', default: 400, integer: true, help: 'texts per measurement' },
  rounds: { type: 'number', default: 3, integer: true, help: 'measurements per setting (the median is shown)' },
  concurrency: { type: 'string', default: '1,4,16', help: 'comma-separated numbers of concurrent callers' },
  json: { type: 'boolean', help: 'print one JSON line' },
});
const levels = flags.concurrency.split(',').map(Number);

// Short support messages, unique so nothing can be cached.
const TEMPLATES = [
  'I was charged twice for order {n}, can I get a refund',
  'the app crashes when I open invoice {n}',
  'where is my parcel {n}, tracking shows nothing',
  'how do I reset my password, the link {n} expired',
];
let serial = 0;
const nextText = () => TEMPLATES[serial % TEMPLATES.length].replace('{n}', String(10_000 + serial++));

type UseLite = Awaited<ReturnType<typeof createUseLiteEmbedder>>;

/** `callers` loops, each embedding one text at a time, until `total` texts are done: CPU ms per text, texts/s. */
async function measure(e: UseLite, callers: number, total: number) {
  let left = total;
  const caller = async () => {
    while (left-- > 0) await e.embed([nextText()]);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, caller));
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - t0;
  return {
    cpu_ms_per_text: Math.round(((cpu.user + cpu.system) / 1000 / total) * 100) / 100,
    // Wall-clock: an upper bound on a shared machine, shown with the load average.
    texts_per_s: Math.round((total / wall) * 10_000) / 10,
  };
}

const rows: Record<string, unknown>[] = [];
const loadBefore = loadavg()[0];
for (const executor of ['async', 'auto'] as const) {
  for (const batchSize of [1, 8]) {
    const e = await createUseLiteEmbedder({ executor, batchSize });
    // Warm-up: the JIT, TensorFlow.js's first runs, and (auto) the sync path's probes after the first answer.
    for (let i = 0; i < 40; i++) await e.embed([nextText()]);
    await Promise.all(Array.from({ length: 16 }, () => e.embed([nextText()])));
    for (const concurrency of levels)
      rows.push({
        executor: e.executor,
        batch_size: batchSize,
        concurrency,
        ...(await measure(e, concurrency, flags.texts)),
      });
    await e.close();
  }
}
const load = { before: loadBefore, after: loadavg()[0], cores: cpus().length };
if (flags.json) process.stdout.write(`${JSON.stringify({ load, rows })}\n`);
else {
  console.log(
    `load average (1 min): ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after, ${load.cores} cores`,
  );
  console.table(rows);
}
