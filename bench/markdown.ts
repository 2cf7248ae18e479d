// Renders bench/results/latest.json as the Markdown tables of bench/results/latest.md.
import type { LoadReport } from './load/run.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- results of other scripts, shape checked by use

/** Everything `npm run bench` collects. */
export interface Results {
  date: string;
  quick: boolean;
  machine: { cpus: number; model: string; memory_gb: number; node: string; loadavg_at_start: number[] };
  widget: unknown;
  routing: unknown;
  knowledge: Record<string, unknown>;
  storage: unknown;
  load_100: unknown;
  load_1000_20: unknown;
  load_1000_100: unknown;
  load_1000_100_postgres: unknown;
  load_1000_20_queries: unknown;
  chaos: unknown;
  cold_start: unknown;
}

const NA = 'not available';
const ok = (x: unknown): x is Any => !!x && typeof x === 'object' && !('error' in (x as object));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const ms = (x: unknown) => (typeof x === 'number' ? `${x} ms` : '—');

function loadRow(name: string, x: unknown, target: string): string {
  if (!ok(x)) return `| ${name} | ${NA} | | | | | | | | | | |`;
  const l = x as LoadReport & { load_average?: number };
  const cache = l.cache ? `${Math.round(l.cache.queryHitRate * 100)} %` : '—';
  const server = l.server
    ? `${l.server.cpu_percent} % / ${l.server.rss_mb} MB${l.server.heap_per_connection_kb !== undefined ? ` (heap ${l.server.heap_per_connection_kb} KB per connection)` : ''}`
    : l.chaos
      ? `${l.chaos.blips} blips, burst ${l.chaos.burst}, ${l.chaos.restarts} kill -9 (down ${l.chaos.down_ms} ms)`
      : '—';
  return `| ${name} | ${l.connected} / ${l.held} | ${l.messages_per_s} | ${l.latency_ms.p50} | **${l.latency_ms.p95}** (${target}) | ${l.latency_ms.p99} | ${l.latency_first_ms.p95} / ${l.latency_repeat_ms.p95} | ${cache} | ${l.lost} of ${l.acked} | ${l.duplicated} | ${server} | ${l.load_average ?? '—'} |`;
}

function knowledgeRows(k: Record<string, unknown>): string[] {
  return Object.entries(k).map(([size, x]) => {
    if (!ok(x)) return `| ${size} | ${NA} | | | | | |`;
    const q = (x.query_ms ?? {}) as Record<string, { p50: number; p95: number }>;
    const f = (m: string) => (q[m] ? `${q[m].p50} / ${q[m].p95}` : '—');
    return `| ${x.chunks} | ${f('hybrid')} | ${f('bm25')} | ${f('vector')} | ${x.ingest_index_chunks_per_s} | ${kb(x.memory_bytes_per_chunk)} | ${ms(x.restore_ms)} |`;
  });
}

/** The Markdown summary: one table per area, then the raw JSON of anything not tabulated. */
export function renderMarkdown(r: Results): string {
  const m = r.machine;
  const routing = r.routing as Any;
  const use = ok(r.knowledge['20k']) ? (r.knowledge['20k'] as Any).use_lite : undefined;
  const cold = r.cold_start as Any;
  const storage = r.storage as Any;
  const widget = r.widget as Any;
  return [
    `# Benchmark results (${r.date}${r.quick ? ', --quick' : ''})`,
    '',
    `Machine: ${m.cpus} × ${m.model}, ${m.memory_gb} GB, Node ${m.node}; load average at start ${m.loadavg_at_start.join(' / ')} (other work shares these cores: latencies are upper bounds). Produced by \`npm run bench\`; raw numbers in latest.json.`,
    '',
    '## Load and end-to-end (`npm run bench:load`)',
    '',
    '| run | connected / held | msg/s | p50 ms | p95 ms (target) | p99 ms | p95 first ask / repeat | query cache hits | lost | duplicated | server CPU / RSS | load avg |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    loadRow('100 clients, 20 msg/s', r.load_100, '—'),
    loadRow('1,000 clients, 20 msg/s', r.load_1000_20, '≤ 100'),
    loadRow('1,000 clients, 100 msg/s', r.load_1000_100, '≤ 250'),
    loadRow('1,000 clients, 100 msg/s, PostgreSQL', r.load_1000_100_postgres, '≤ 250'),
    loadRow('1,000 clients, 20 msg/s, StackFAQ queries', r.load_1000_20_queries, '≤ 100'),
    loadRow('chaos: reconnects + kill -9', r.chaos, 'zero lost'),
    '',
    '## Start-up, storage, AI',
    '',
    '| measure | value |',
    '|---|---|',
    `| cold start, persisted 10k-chunk index, PGlite (median / min) | ${ok(cold) ? `${cold.cold_start_ms_median} / ${cold.cold_start_ms_min} ms (target ≤ 3,000)` : NA} |`,
    `| cold start, same, PostgreSQL | ${ok(cold) && cold.postgres_cold_start_ms_median ? `${cold.postgres_cold_start_ms_median} ms` : NA} |`,
    `| start-up parts, one after the other (ms) | ${
      ok(cold)
        ? Object.entries(cold.parts_ms as object)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : NA
    } |`,
    `| database work per customer message + AI reply (PGlite, p50 / p95) | ${ok(storage) ? `${storage.per_message_ms.p50} / ${storage.per_message_ms.p95} ms` : NA} |`,
    `| routing, embedding included, no cache (p50 / p95) | ${ok(routing) ? `${routing.routing_p50_ms} / ${routing.routing_p95_ms} ms` : NA} |`,
    `| full extractive answer, no cache (p50 / p95) | ${ok(routing) ? `${routing.answer_p50_ms} / ${routing.answer_p95_ms} ms` : NA} |`,
    `| USE-lite embedding, one sentence (p50 / p95) | ${use ? `${use.query_embed_p50_ms} / ${use.query_embed_p95_ms} ms` : NA} |`,
    `| USE-lite embedding, batch of 64 chunks | ${use ? `${use.chunk_embed_per_s} chunks/s (${Math.round(1000 / use.chunk_embed_per_s)} ms per chunk)` : NA} |`,
    `| widget loader / widget, gzip | ${ok(widget) ? `${kb(widget.loader.gzip)} / ${kb(widget.widget.gzip)}` : NA} |`,
    '',
    '## Knowledge base (`npm run bench:kb`, retrieval alone with precomputed query vectors)',
    '',
    '| chunks | hybrid p50 / p95 ms | BM25F p50 / p95 ms | vector p50 / p95 ms | ingest (index) chunks/s | memory per chunk | restore |',
    '|---|---|---|---|---|---|---|',
    ...knowledgeRows(r.knowledge),
    '',
  ].join('\n');
}
