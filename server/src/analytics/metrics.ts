import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Seconds, from 1 ms to 10 s: chat latencies live in the low milliseconds, LLM answers in seconds.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every Prometheus metric the server exposes at `/metrics`, in one registry per server instance. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'switchboard_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly socketEvents = new Counter({
    name: 'switchboard_socket_events_total',
    help: 'Socket.IO events received by namespace and event',
    labelNames: ['namespace', 'event'],
    registers: [this.registry],
  });
  readonly connectedSockets = new Gauge({
    name: 'switchboard_connected_sockets',
    help: 'Connected sockets by namespace',
    labelNames: ['namespace'],
    registers: [this.registry],
  });
  readonly messages = new Counter({
    name: 'switchboard_messages_total',
    help: 'Stored messages by role and agent',
    labelNames: ['role', 'agent'],
    registers: [this.registry],
  });
  readonly replyDuration = new Histogram({
    name: 'switchboard_reply_duration_seconds',
    help: 'End-to-end AI reply time: customer message stored → AI reply stored',
    labelNames: ['agent'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly routingDuration = new Histogram({
    name: 'switchboard_routing_duration_seconds',
    help: 'Routing one message (embedding included)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly retrievalDuration = new Histogram({
    name: 'switchboard_retrieval_duration_seconds',
    help: 'Knowledge-base search',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly embeddingDuration = new Histogram({
    name: 'switchboard_embedding_duration_seconds',
    help: 'Embedding one batch',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly routed = new Counter({
    name: 'switchboard_routed_total',
    help: 'Routing decisions by agent and reason',
    labelNames: ['agent', 'reason'],
    registers: [this.registry],
  });
  readonly escalations = new Counter({
    name: 'switchboard_escalations_total',
    help: 'Conversations handed to a human, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'switchboard_errors_total',
    help: 'Errors returned to callers, by code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  /** Filled at scrape time by `collectQueue` (the database is the source of truth on every node). */
  readonly queueLength: Gauge;

  constructor(options: { defaultMetrics?: boolean; waiting?: () => Promise<number> } = {}) {
    const waiting = options.waiting;
    this.queueLength = new Gauge({
      name: 'switchboard_waiting_conversations',
      help: 'Conversations waiting for a human',
      registers: [this.registry],
      async collect() {
        if (waiting) this.set(await waiting().catch(() => 0));
      },
    });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'switchboard_' });
  }

  /** Time an async call into a histogram. @example await metrics.time(metrics.retrievalDuration, () => kb.search(q)) */
  async time<T>(histogram: Histogram, fn: () => Promise<T>, labels: Record<string, string> = {}): Promise<T> {
    const end = histogram.startTimer(labels);
    try {
      return await fn();
    } finally {
      end();
    }
  }
}
