import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../../server/src/knowledge/evaluate.js';
import { Customer } from './customer.js';
import { loadQuestions, QuestionPicker } from './questions.js';
import { ServerProcess } from './server-process.js';

/** One knee sweep: a deployment shape and the rates to step through. */
export interface KneeOptions {
  /** Label in the report, e.g. `pglite-1`. */
  name: string;
  /** Nodes to start (more than one needs `databaseUrl` and `redisUrl`). */
  nodes: number;
  databaseUrl?: string;
  redisUrl?: string;
  clients: number;
  /** Messages per second for the whole deployment, ascending. */
  rates: number[];
  /** Seconds of traffic per step. */
  stepSeconds: number;
  /** The latency that defines the knee (ms). */
  p95Ms: number;
  /** Stop stepping at this time (performance.now() ms), so the whole sweep has a bounded runtime. */
  deadline: number;
  queries?: string;
  embedder: string;
  log: (line: string) => void;
}

/** One rate step: what was sent, what came back, and the reply latency of the answers. */
export interface KneeStep {
  rate: number;
  sent: number;
  answered: number;
  p50_ms: number;
  p95_ms: number;
  load_average: number;
}

/** The sweep's result: the steps and the interpolated rate at which p95 crosses the bound. */
export interface KneeReport {
  name: string;
  nodes: number;
  clients: number;
  steps: KneeStep[];
  /** Messages/s where p95 crosses `p95Ms` (linear between the last step under and the first over); null when not reached. */
  knee_per_s: number | null;
  /** True when p95 never crossed the bound within the rates (or the time budget): the knee is above the last rate. */
  above_last_step: boolean;
  start_ms: number;
}

const ROOT = new URL('../../', import.meta.url).pathname;
const DEMO_KB = join(ROOT, 'examples/demo-kb');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A step counts as over the knee when fewer than this share of its messages got an AI answer within the drain. */
const MIN_ANSWERED = 0.9;

/** Poisson arrivals at `rate` messages/s over the whole deployment, spread over random customers, for `ms`. */
async function traffic(customers: Customer[], picker: QuestionPicker, rate: number, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let sent = 0;
  let next = performance.now();
  while (true) {
    next += (-Math.log(1 - Math.random()) / rate) * 1000;
    if (next >= end) break;
    const wait = next - performance.now();
    if (wait > 1) await sleep(wait);
    const id = Math.floor(Math.random() * customers.length);
    const q = picker.pick(id);
    customers[id].send(q.text, q.repeat);
    sent++;
  }
  await sleep(Math.max(0, end - performance.now()));
  return sent;
}

/** Wait until `expected` new answers arrived or none came for 1.5 s, at most `maxMs`. */
async function drain(customers: Customer[], before: number[], expected: number, maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  let last = -1;
  let quietSince = performance.now();
  while (performance.now() < until) {
    const n = customers.reduce((s, c, i) => s + c.samples.length - before[i], 0);
    if (n >= expected) return;
    if (n !== last) ((last = n), (quietSince = performance.now()));
    else if (performance.now() - quietSince > 1500) return;
    await sleep(100);
  }
}

/** Step the message rate against a fresh deployment until p95 crosses the bound; every wait is bounded. */
export async function findKnee(o: KneeOptions): Promise<KneeReport> {
  const picker = new QuestionPicker(loadQuestions(o.queries));
  const folders: string[] = [];
  const prefix = `sbknee${randomBytes(4).toString('hex')}`;
  const servers = Array.from({ length: o.nodes }, () => {
    const data = mkdtempSync(join(tmpdir(), 'sb-knee-'));
    folders.push(data);
    // Per-visitor and per-IP limits are lifted: a few hundred simulated customers share 127.0.0.1 and send fast.
    return new ServerProcess(
      [
        '--data',
        data,
        ...(existsSync(DEMO_KB) ? ['--kb', DEMO_KB] : []),
        '--embedder',
        o.embedder,
        '--rate-messages-per-minute',
        '0',
        '--rate-events-per-minute',
        '0',
        '--rate-ip-messages-per-minute',
        '0',
        '--rate-connections-per-minute',
        '0',
        '--max-connections-per-ip',
        '0',
        '--rate-requests-per-minute',
        '0',
      ],
      {
        env: {
          ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
          ...(o.redisUrl ? { REDIS_URL: o.redisUrl, SWITCHBOARD_REDIS_PREFIX: prefix } : {}),
        },
        startTimeoutMs: 300_000,
      },
    );
  });
  const customers: Customer[] = [];
  try {
    const started = performance.now();
    // One after the other: two nodes migrating one new database at once would race for the same tables.
    const urls: string[] = [];
    for (const s of servers) urls.push(await s.start());
    const startMs = Math.round(performance.now() - started);
    o.log(`${o.name}: ${urls.join(', ')} up in ${startMs} ms`);
    for (let i = 0; i < o.clients; i++) customers.push(new Customer(urls[i % urls.length], i));
    for (let i = 0; i < customers.length; i += 50)
      await Promise.all(customers.slice(i, i + 50).map((c) => c.connect()));
    // Warm-up: one question per customer at a low rate, so caches and JIT are not charged to the first step.
    await traffic(customers, picker, Math.min(o.rates[0], 20), 2000);
    await drain(
      customers,
      customers.map(() => 0),
      Infinity,
      3000,
    );
    const steps: KneeStep[] = [];
    let knee: number | null = null;
    for (const rate of o.rates) {
      if (performance.now() + o.stepSeconds * 1000 > o.deadline) {
        o.log(`${o.name}: time budget spent before ${rate}/s`);
        break;
      }
      const before = customers.map((c) => c.samples.length);
      const sent = await traffic(customers, picker, rate, o.stepSeconds * 1000);
      await drain(customers, before, sent, 4000);
      const ms = customers.flatMap((c, i) => c.samples.slice(before[i]).map((s) => s.ms));
      const step = {
        rate,
        sent,
        answered: ms.length,
        p50_ms: Math.round(percentile(ms, 50)),
        p95_ms: Math.round(percentile(ms, 95)),
        load_average: Math.round(loadavg()[0] * 10) / 10,
      };
      steps.push(step);
      o.log(
        `${o.name}: ${rate}/s sent ${sent}, answered ${ms.length}, p50 ${step.p50_ms} ms, p95 ${step.p95_ms} ms (load average ${step.load_average})`,
      );
      if (step.p95_ms > o.p95Ms || ms.length < sent * MIN_ANSWERED) {
        knee = interpolate(steps, o.p95Ms);
        break;
      }
      // Let the backlog of a step end before the next one starts.
      await sleep(500);
    }
    return {
      name: o.name,
      nodes: o.nodes,
      clients: o.clients,
      steps,
      knee_per_s: knee,
      above_last_step: knee === null && steps.length > 0,
      start_ms: startMs,
    };
  } finally {
    for (const c of customers) c.close();
    await Promise.all(servers.map((s) => s.stop()));
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  }
}

/** Rate where p95 crosses `bound`, linear between the last step under it and the first over it (0 when the first step is over). */
export function interpolate(steps: KneeStep[], bound: number): number {
  const over = steps[steps.length - 1];
  const under = steps[steps.length - 2];
  if (!under) return 0;
  // Over by unanswered messages rather than latency: the last rate that held is the knee.
  if (over.p95_ms <= bound || over.p95_ms <= under.p95_ms) return under.rate;
  return Math.round(under.rate + ((bound - under.p95_ms) / (over.p95_ms - under.p95_ms)) * (over.rate - under.rate));
}
