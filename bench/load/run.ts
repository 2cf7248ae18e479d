import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Customer, type Verdict } from './customer.js';
import { loadQuestions, QuestionPicker } from './questions.js';
import { summarize, type LoadReport } from './report.js';
import { ServerProcess } from './server-process.js';

export type { LoadReport } from './report.js';

export interface LoadOptions {
  clients: number;
  /** Seconds of sending. */
  duration: number;
  /** Messages per second per client (overall rate = clients × rate). */
  rate: number;
  chaos: boolean;
  /** Share of customers (0–1) whose connection drops once, at a random moment of the run, without a server kill. */
  reconnectOnce?: number;
  /** Target a running server instead of starting one (no CPU/RSS, no kill -9). */
  url?: string;
  /** JSONL file with `query` (or `text`) fields. */
  queries?: string;
  embedder: string;
  /** Run the server on this PostgreSQL database instead of embedded PGlite. */
  databaseUrl?: string;
  /** Write a V8 CPU profile of the server into this folder (`node --cpu-prof`). */
  profileDir?: string;
  /** Progress lines on stderr. */
  log?: (line: string) => void;
}

const ROOT = new URL('../../', import.meta.url).pathname;
const DEMO_KB = join(ROOT, 'examples/demo-kb');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Chaos: random blips every 2 s, a burst of reconnects at 40 % of the run, the server SIGKILLed at 60 % and restarted. */
async function chaosMonkey(
  o: LoadOptions,
  customers: Customer[],
  server: ServerProcess | undefined,
  log: (l: string) => void,
) {
  const chaos = { blips: 0, burst: 0, restarts: 0, down_ms: 0 };
  const blipper = setInterval(() => {
    for (const c of customers) if (Math.random() < 0.02) (c.blip(), chaos.blips++);
  }, 2000);
  try {
    await sleep(o.duration * 400);
    for (const c of customers) if (Math.random() < 0.3) (c.blip(), chaos.burst++);
    log(`burst: ${chaos.burst} reconnects at once`);
    if (server) {
      await sleep(o.duration * 200);
      const killedAt = performance.now();
      const port = server.port;
      await server.kill();
      log('server killed (SIGKILL); restarting on the same port and data folder');
      await server.start(port);
      chaos.restarts++;
      chaos.down_ms = Math.round(performance.now() - killedAt);
      log(`server back after ${chaos.down_ms} ms`);
    }
  } finally {
    clearInterval(blipper);
  }
  return chaos;
}

/**
 * A busy hour's churn without a crash: `share` of the customers lose their connection once, each at a uniformly random
 * moment between 10 % and 90 % of the run (phones changing networks, laptops waking), and reconnect on their own.
 */
function reconnectOnce(share: number, customers: Customer[], durationS: number) {
  const state = { dropped: 0, timers: [] as NodeJS.Timeout[] };
  for (const c of customers) {
    if (Math.random() >= share) continue;
    const at = (0.1 + 0.8 * Math.random()) * durationS * 1000;
    state.timers.push(setTimeout(() => (c.blip(), state.dropped++), at));
  }
  return {
    stop: () => state.timers.forEach(clearTimeout),
    get dropped() {
      return state.dropped;
    },
  };
}

/** Poisson arrivals: each customer waits an exponential think time (mean 1/rate s) between questions, until `end`. */
function startTraffic(o: LoadOptions, customers: Customer[], picker: QuestionPicker, end: number) {
  const state = { sent: 0, timers: new Set<NodeJS.Timeout>() };
  customers.forEach((c, id) => {
    const next = () => {
      const wait = (-Math.log(1 - Math.random()) / o.rate) * 1000;
      if (performance.now() + wait >= end) return;
      const t = setTimeout(() => {
        state.timers.delete(t);
        const q = picker.pick(id);
        c.send(q.text, q.repeat);
        state.sent++;
        next();
      }, wait);
      state.timers.add(t);
    };
    next();
  });
  return {
    get sent() {
      return state.sent;
    },
    stop: () => state.timers.forEach((t) => clearTimeout(t)),
  };
}

/** Wait until replies stop arriving (2 s without a new one), at most `maxMs`. */
async function drain(customers: Customer[], maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  let last = -1;
  let stableSince = performance.now();
  while (performance.now() < until) {
    const n = customers.reduce((s, c) => s + c.samples.length, 0);
    if (n !== last) ((last = n), (stableSince = performance.now()));
    else if (performance.now() - stableSince > 2000) return;
    await sleep(250);
  }
}

/** Run one load test on loopback; every loop is bounded by the duration and stops by itself. */
export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const log = o.log ?? (() => undefined);
  const picker = new QuestionPicker(loadQuestions(o.queries));
  const data = mkdtempSync(join(tmpdir(), 'sb-load-'));
  const adminToken = o.url ? process.env.SWITCHBOARD_ADMIN_TOKEN : randomBytes(16).toString('hex');
  // All simulated customers share 127.0.0.1, so per-IP limits are lifted; per-visitor limits stay (rate is below them).
  const server = o.url
    ? undefined
    : new ServerProcess(
        [
          '--data',
          data,
          ...(existsSync(DEMO_KB) ? ['--kb', DEMO_KB] : []),
          '--embedder',
          o.embedder,
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
          nodeArgs: o.profileDir ? ['--cpu-prof', '--cpu-prof-dir', o.profileDir] : [],
          env: { SWITCHBOARD_ADMIN_TOKEN: adminToken!, ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}) },
        },
      );
  try {
    const url = o.url ?? (await server!.start());
    log(`server at ${url}`);
    const customers = Array.from({ length: o.clients }, (_, i) => new Customer(url, i));
    const idle = server?.usage();
    const heapIdle = await heapUsed(url);
    const connectStarted = performance.now();
    for (let i = 0; i < customers.length; i += 50)
      await Promise.all(customers.slice(i, i + 50).map((c) => c.connect()));
    const connectMs = performance.now() - connectStarted;
    const connected = customers.filter((c) => c.connected).length;
    log(`${connected}/${o.clients} connected in ${Math.round(connectMs)} ms`);
    const heapConnected = await heapUsed(url);

    await eventLoopLag(url); // resets the server's event-loop delay histogram: the next read covers the traffic only
    const before = server?.usage();
    let peakRss = before?.rssBytes ?? 0;
    const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, server?.usage()?.rssBytes ?? 0)), 1000);
    const started = performance.now();
    const traffic = startTraffic(o, customers, picker, started + o.duration * 1000);
    const churn = o.reconnectOnce ? reconnectOnce(o.reconnectOnce, customers, o.duration) : undefined;
    const chaos = o.chaos ? await chaosMonkey(o, customers, server, log) : undefined;
    while (performance.now() < started + o.duration * 1000) await sleep(200);
    traffic.stop();
    churn?.stop();
    if (churn) log(`${churn.dropped} customers reconnected once`);
    const after = server?.usage();
    const lag = chaos?.restarts ? undefined : await eventLoopLag(url);
    const elapsed = (performance.now() - started) / 1000;
    clearInterval(rssSampler);
    log(`sent ${traffic.sent}; waiting for reconnects, resends and the last replies`);
    // A restart under load can outlast the traffic: let every customer reconnect and resend before the final check.
    await Promise.all(customers.map((c) => c.settle()));
    await drain(customers, 20_000);
    // An overloaded server may still be working through owed answers: wait (bounded) until it owes none.
    await owedAnswers(url, 120_000);
    // CPU per message counts the work done after the sending stopped too (an overloaded server answers late).
    const drained = server?.usage();
    const held = customers.filter((c) => c.connected).length;

    const verdicts: Verdict[] = [];
    for (let i = 0; i < customers.length; i += 100)
      verdicts.push(...(await Promise.all(customers.slice(i, i + 100).map((c) => c.verify()))));
    const cache = await kbStats(url, adminToken);
    for (const c of customers) c.close();
    return summarize({
      o,
      connected,
      held,
      connectMs,
      sent: traffic.sent,
      elapsed,
      customers,
      verdicts,
      cache,
      chaos,
      reconnectedOnce: churn?.dropped,
      lag,
      // CPU is only meaningful for one process life: left out when the server was restarted.
      server:
        idle && before && after && !chaos?.restarts
          ? {
              idleRss: idle.rssBytes,
              before,
              after,
              drained: drained ?? after,
              peakRss,
              heapPerConnection:
                heapIdle !== undefined && heapConnected !== undefined && connected
                  ? (heapConnected - heapIdle) / connected
                  : undefined,
            }
          : undefined,
    });
  } finally {
    await server?.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

/** Wait until the server's `switchboard_jobs_pending{kind="reply"}` is 0 (or `maxMs` passed), then 2 s for delivery. */
async function owedAnswers(url: string, maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  while (performance.now() < until) {
    try {
      const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
      const owed = Number(/^switchboard_jobs_pending\{kind="reply"\} (\S+)$/m.exec(text)?.[1] ?? 0);
      if (!owed) break;
    } catch {
      // A server that cannot answer now is retried until the deadline.
    }
    await sleep(1000);
  }
  await sleep(2000);
}

/** The knowledge base's cache counters (`GET /api/kb/stats`, admin token), when reachable. */
async function kbStats(
  url: string,
  token?: string,
): Promise<{ queryHitRate: number; searchHitRate: number } | undefined> {
  if (!token) return undefined;
  try {
    const res = await fetch(`${url}/api/kb/stats`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(5000),
    });
    return res.ok
      ? ((await res.json()) as { cache: { queryHitRate: number; searchHitRate: number } }).cache
      : undefined;
  } catch {
    return undefined;
  }
}

/** The server's JavaScript heap in use, from Prometheus `/metrics` (after a short settle so start-up garbage is collected). */
async function heapUsed(url: string): Promise<number | undefined> {
  try {
    await sleep(1500);
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    const v = Number(/^switchboard_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
    return Number.isFinite(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The server's event-loop delay (p99 and max, ms) since the last read, from Prometheus `/metrics`; undefined when closed. */
async function eventLoopLag(url: string): Promise<{ p99_ms: number; max_ms: number } | undefined> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return undefined;
    const text = await res.text();
    const read = (name: string) =>
      Number(new RegExp(`^switchboard_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) *
      1000;
    return { p99_ms: Math.round(read('p99')), max_ms: Math.round(read('max')) };
  } catch {
    return undefined;
  }
}
