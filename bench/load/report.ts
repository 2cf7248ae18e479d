import { percentile } from '../../server/src/knowledge/evaluate.js';
import type { Customer, Verdict } from './customer.js';
import type { LoadOptions } from './run.js';

type Usage = { cpuSeconds: number; mainCpuSeconds?: number; rssBytes: number };
type Percentiles = { n: number; p50: number; p95: number; p99: number };

/** What `npm run bench:load` prints (one JSON object). */
export interface LoadReport extends Omit<Verdict, 'state'> {
  clients: number;
  /** Connected after the ramp-up / still connected at the end (after the last replies). */
  connected: number;
  held: number;
  connect_ms: number;
  duration_s: number;
  target_rate_per_s: number;
  messages_sent: number;
  messages_per_s: number;
  /** Customer message sent → AI reply (meta.replyTo) received, all replies / first time a text was asked / repeats. */
  latency_ms: Percentiles;
  latency_first_ms: Percentiles;
  latency_repeat_ms: Percentiles;
  conversations_with_human: number;
  /** Customers whose final history could not be read (counted as lost). */
  unverified: number;
  errors: Record<string, number>;
  reconnects: number;
  cache?: { queryHitRate: number; searchHitRate: number };
  /**
   * CPU of the server process (all threads) while sending; RSS right after start-up, at the end and at its peak; the
   * JavaScript heap that connecting added, per connection (heap in use after connecting minus before, ÷ connections).
   */
  server?: {
    cpu_percent: number;
    /** Server CPU (all threads) per message sent, until every owed answer was given: less dependent on other load. */
    cpu_ms_per_message: number;
    /** The same for the main thread alone (the event loop: sockets, routing, and PGlite unless it has its own thread). */
    main_cpu_ms_per_message?: number;
    idle_rss_mb: number;
    rss_mb: number;
    peak_rss_mb: number;
    heap_per_connection_kb?: number;
  };
  chaos?: { blips: number; burst: number; restarts: number; down_ms: number };
  /** Customers whose connection was dropped once during the run (`--reconnect-once`). */
  reconnected_once?: number;
  /** The server's event-loop delay while sending (from its /metrics). */
  event_loop_lag?: { p99_ms: number; max_ms: number };
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const pct = (xs: number[]): Percentiles => ({
  n: xs.length,
  p50: r1(percentile(xs, 50)),
  p95: r1(percentile(xs, 95)),
  p99: r1(percentile(xs, 99)),
});

/** Fold every customer's samples and final verdict into one report. */
export function summarize(x: {
  o: LoadOptions;
  connected: number;
  held: number;
  connectMs: number;
  sent: number;
  elapsed: number;
  customers: Customer[];
  verdicts: Verdict[];
  cache?: { queryHitRate: number; searchHitRate: number };
  chaos?: LoadReport['chaos'];
  reconnectedOnce?: number;
  lag?: LoadReport['event_loop_lag'];
  server?: {
    idleRss: number;
    before: Usage;
    after: Usage;
    drained: Usage;
    peakRss: number;
    heapPerConnection?: number;
  };
}): LoadReport {
  const samples = x.customers.flatMap((c) => c.samples);
  const errors: Record<string, number> = {};
  for (const c of x.customers) for (const [code, n] of c.errors) errors[code] = (errors[code] ?? 0) + n;
  const sum = (k: 'acked' | 'lost' | 'duplicated' | 'pending' | 'phantom' | 'unanswered' | 'to_person') =>
    x.verdicts.reduce((s, v) => s + Math.max(0, v[k]), 0);
  const unverified = x.verdicts.filter((v) => v.lost < 0).length;
  const s = x.server;
  return {
    clients: x.o.clients,
    connected: x.connected,
    held: x.held,
    connect_ms: Math.round(x.connectMs),
    duration_s: x.o.duration,
    target_rate_per_s: r1(x.o.clients * x.o.rate),
    messages_sent: x.sent,
    messages_per_s: r1(x.sent / x.elapsed),
    latency_ms: pct(samples.map((p) => p.ms)),
    latency_first_ms: pct(samples.filter((p) => !p.repeat).map((p) => p.ms)),
    latency_repeat_ms: pct(samples.filter((p) => p.repeat).map((p) => p.ms)),
    acked: sum('acked'),
    lost: sum('lost') + unverified,
    duplicated: sum('duplicated'),
    pending: sum('pending'),
    phantom: sum('phantom'),
    unanswered: sum('unanswered'),
    to_person: sum('to_person'),
    conversations_with_human: x.verdicts.filter((v) => v.state === 'waiting_human' || v.state === 'human').length,
    unverified,
    errors,
    reconnects: x.customers.reduce((n, c) => n + c.reconnects, 0),
    ...(x.cache ? { cache: { queryHitRate: r3(x.cache.queryHitRate), searchHitRate: r3(x.cache.searchHitRate) } } : {}),
    ...(s
      ? {
          server: {
            cpu_percent: r1(((s.after.cpuSeconds - s.before.cpuSeconds) / x.elapsed) * 100),
            cpu_ms_per_message: r1(((s.drained.cpuSeconds - s.before.cpuSeconds) * 1000) / Math.max(1, x.sent)),
            ...(s.drained.mainCpuSeconds !== undefined && s.before.mainCpuSeconds !== undefined
              ? {
                  main_cpu_ms_per_message: r1(
                    ((s.drained.mainCpuSeconds - s.before.mainCpuSeconds) * 1000) / Math.max(1, x.sent),
                  ),
                }
              : {}),
            idle_rss_mb: r1(s.idleRss / 1e6),
            rss_mb: r1(s.after.rssBytes / 1e6),
            peak_rss_mb: r1(s.peakRss / 1e6),
            ...(s.heapPerConnection !== undefined ? { heap_per_connection_kb: r1(s.heapPerConnection / 1024) } : {}),
          },
        }
      : {}),
    ...(x.chaos ? { chaos: x.chaos } : {}),
    ...(x.reconnectedOnce !== undefined ? { reconnected_once: x.reconnectedOnce } : {}),
    ...(x.lag ? { event_loop_lag: x.lag } : {}),
  };
}
