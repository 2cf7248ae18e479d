import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Namespace } from 'socket.io';
import { CHAT_EVENTS } from 'switchboard-chat/protocol';
import { Gauge } from 'prom-client';
import type { ConversationService } from '../conversations/service.js';
import type { Embedder } from '../knowledge/types.js';
import type { Database } from '../storage/db.js';
import type { JobStore } from '../storage/jobs.js';
import type { Metrics } from './metrics.js';

/** Hono middleware counting requests and timing them by route pattern (never by raw path, to keep label cardinality bounded). */
export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const route = routePath(c, -1) || 'unmatched';
    metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    metrics.httpDuration.observe({ method: c.req.method, route }, (performance.now() - start) / 1000);
    if (c.res.status >= 400) {
      const code = c.res.headers.get('x-error-code');
      if (code) metrics.errors.inc({ code });
    }
  };
}

/** Count sockets and events on a namespace; event names outside `known` share the label `unknown` (bounded series). */
export function socketMetrics(metrics: Metrics, nsp: Namespace, known: readonly string[] = CHAT_EVENTS): void {
  const namespace = nsp.name;
  const names = new Set(known);
  // Listeners shared by every socket: an idle connection holds no closures of its own.
  const onEvent = (event: string) =>
    metrics.socketEvents.inc({ namespace, event: names.has(event) ? event : 'unknown' });
  const onDisconnect = () => metrics.connectedSockets.dec({ namespace });
  nsp.on('connection', (socket) => {
    metrics.connectedSockets.inc({ namespace });
    socket.onAny(onEvent);
    socket.on('disconnect', onDisconnect);
  });
}

/**
 * Wrap an embedder so every batch is timed into the embedding histogram. A proxy, not a copy: live properties such as
 * USE-lite's `executor` (which changes after the first answer's probe) must still read the embedder's current value.
 */
export function timedEmbedder<E extends { embed(texts: string[]): Promise<Float32Array[]> }>(
  metrics: Metrics,
  embedder: E,
): E {
  const embed = (texts: string[]) => metrics.time(metrics.embeddingDuration, () => embedder.embed(texts));
  return new Proxy(embedder, {
    get: (target, key) => (key === 'embed' ? embed : Reflect.get(target, key, target)),
  });
}

/** Feed message, reply, routing and escalation metrics from the conversation service's events. */
export function serviceMetrics(metrics: Metrics, service: ConversationService): void {
  service.subscribe((change) => {
    if (change.kind === 'message')
      metrics.messages.inc({ role: change.message.role, agent: change.message.agent ?? '' });
    else if (change.kind === 'replied') {
      const { reply, ms } = change;
      metrics.replyDuration.observe({ agent: reply.agent }, ms / 1000);
      metrics.routed.inc({ agent: reply.routing.agent, reason: reply.routing.reason });
    } else if (change.kind === 'state' && change.event === 'escalate')
      metrics.escalations.inc({ reason: change.conversation.escalationReason ?? 'unknown' });
  });
}

/**
 * `switchboard_memory_bytes{part}`: memory outside the main V8 heap that `process.memoryUsage()` cannot split —
 * the embedded database's WebAssembly memory (`db_wasm`), the embedding worker's V8 heap (`embedder_heap`) and its
 * WebAssembly memory (`embedder_wasm`). Read at scrape time; parts a configuration does not have are left out.
 */
export function memoryMetrics(metrics: Metrics, parts: { db?: Database; embedder?: Embedder }): void {
  new Gauge({
    name: 'switchboard_memory_bytes',
    help: 'Memory outside the main JavaScript heap by part (db_wasm, embedder_heap, embedder_wasm)',
    labelNames: ['part'],
    registers: [metrics.registry],
    async collect() {
      const db = parts.db?.wasmBytes?.();
      if (db !== undefined) this.set({ part: 'db_wasm' }, db);
      const e = await parts.embedder?.memory?.();
      if (e) (this.set({ part: 'embedder_heap' }, e.heapBytes), this.set({ part: 'embedder_wasm' }, e.wasmBytes));
    },
  });
}

/** `switchboard_jobs_pending{kind}`: answers and webhook deliveries still owed (read from the database at scrape time). */
export function jobMetrics(metrics: Metrics, jobs: JobStore): void {
  new Gauge({
    name: 'switchboard_jobs_pending',
    help: 'Durable jobs not yet done, by kind (reply = an AI answer owed, webhook = a delivery not yet made)',
    labelNames: ['kind'],
    registers: [metrics.registry],
    async collect() {
      for (const kind of ['reply', 'webhook'] as const) this.set({ kind }, await jobs.pending(kind).catch(() => 0));
    },
  });
}
