// Knee finder: the message rate at which the reply p95 crosses 250 ms, for PGlite and PostgreSQL, one node and two.
//   npm run bench:knee [-- --clients 300 --step 5 --budget 170 --only pglite-1,postgres-1,postgres-2 --json]
// Each shape gets a fresh deployment, 300 connected customers and a rising Poisson message rate (×1.5 per step);
// stepping stops at the first step over the bound. The whole sweep stops after --budget seconds (default 170), so the
// command is bounded at about three minutes. Every step records the load average: on a shared machine it explains
// the numbers. Two nodes use PostgreSQL and Redis (REDIS_URL, default the local one) with a unique key prefix.
import { loadavg } from 'node:os';
import { benchArgs } from './cli.js';
import { findKnee, type KneeReport } from './load/knee.js';
import { withScratchDatabase } from './load/scratch-db.js';
import { reachable } from '../server/src/testing/services.js';

const flags = benchArgs('npm run bench:knee --', 'Knee finder: messages/s at which the reply p95 crosses the bound.', {
  clients: { type: 'number', default: 300, integer: true, help: 'connected customers (spread over the nodes)' },
  step: { type: 'number', default: 5, help: 'seconds of traffic per rate step' },
  start: { type: 'number', default: 20, help: 'first rate (messages/s); each next step is ×1.5' },
  steps: { type: 'number', default: 9, integer: true, help: 'rate steps at most' },
  budget: { type: 'number', default: 170, help: 'seconds for the whole sweep (steps not started by then are skipped)' },
  'p95-ms': { type: 'number', default: 250, help: 'the latency bound that defines the knee' },
  only: { type: 'string', default: 'pglite-1,postgres-1,postgres-2', help: 'shapes to measure' },
  queries: { type: 'string', help: 'JSONL file of { query } rows to ask (default: built-in questions)' },
  embedder: { type: 'string', default: 'use-lite', help: 'embedder of the started servers' },
  json: { type: 'boolean', help: 'print one JSON line' },
});
const log = (l: string) => process.stderr.write(`${l}\n`);
const rates = Array.from({ length: flags.steps }, (_, i) => Math.round(flags.start * 1.5 ** i));
const deadline = performance.now() + flags.budget * 1000;
const shapes = flags.only.split(',').map((s) => s.trim());
const base = {
  clients: flags.clients,
  rates,
  stepSeconds: flags.step,
  p95Ms: flags['p95-ms'],
  deadline,
  queries: flags.queries,
  embedder: flags.embedder,
  log,
};
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const reports: Array<KneeReport | { name: string; skipped: string }> = [];
const loadBefore = Math.round(loadavg()[0] * 10) / 10;

for (const name of shapes) {
  if (performance.now() > deadline) {
    reports.push({ name, skipped: 'time budget spent' });
    continue;
  }
  if (name === 'pglite-1') reports.push(await findKnee({ ...base, name, nodes: 1 }));
  else if (name === 'postgres-1' || name === 'postgres-2') {
    const nodes = name === 'postgres-2' ? 2 : 1;
    if (nodes === 2 && !(await reachable(Number(new URL(redisUrl).port || 6379), new URL(redisUrl).hostname))) {
      reports.push({ name, skipped: `no Redis at ${redisUrl}` });
      continue;
    }
    const r = await withScratchDatabase((databaseUrl) =>
      findKnee({ ...base, name, nodes, databaseUrl, redisUrl: nodes === 2 ? redisUrl : undefined }),
    );
    reports.push(r ?? { name, skipped: 'no PostgreSQL reachable (set DATABASE_URL)' });
  } else {
    log(`unknown shape ${name} (pglite-1, postgres-1, postgres-2)`);
    process.exit(2);
  }
}

const result = {
  p95_bound_ms: flags['p95-ms'],
  rates,
  load_average_before: loadBefore,
  load_average_after: Math.round(loadavg()[0] * 10) / 10,
  shapes: reports,
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  for (const r of reports) {
    if ('skipped' in r) console.log(`${r.name.padEnd(11)} skipped: ${r.skipped}`);
    else {
      if (!r.steps.length) {
        console.log(`${r.name.padEnd(11)} not measured: the time budget was spent starting it (${r.start_ms} ms)`);
        continue;
      }
      const knee =
        r.knee_per_s === null
          ? `above ${r.steps.at(-1)!.rate} msg/s (not reached)`
          : r.knee_per_s === 0
            ? `below ${r.steps[0].rate} msg/s (first step over)`
            : `${r.knee_per_s} msg/s`;
      const loads = r.steps.map((s) => s.load_average);
      console.log(
        `${r.name.padEnd(11)} knee ${knee}; steps ${r.steps.map((s) => `${s.rate}/s→p95 ${s.p95_ms} ms (${s.answered}/${s.sent} answered)`).join(', ')}; load average ${Math.min(...loads)}–${Math.max(...loads)}`,
      );
    }
  }
}
process.exit(0);
