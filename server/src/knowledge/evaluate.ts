import { readFileSync } from 'node:fs';
import type { KnowledgeBase } from './index.js';
import type { SearchHit, SearchOptions } from './types.js';

export interface RetrievalQuery {
  query: string;
  relevant_ids: string[];
}

export interface RetrievalReport {
  hit_at_1: number;
  hit_at_5: number;
  mrr_at_10: number;
  n: number;
  ingest_ms: number;
  query_p50_ms: number;
  query_p95_ms: number;
}

/** Read a JSONL file of `{ query, relevant_ids }` rows. */
export function readQueries(path: string): RetrievalQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const row = JSON.parse(l) as RetrievalQuery;
      if (typeof row.query !== 'string' || !Array.isArray(row.relevant_ids))
        throw new Error(`${path}:${i + 1}: needs "query" and "relevant_ids"`);
      return row;
    });
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Run every query and score document-level hits (chunks deduplicated to their document ids). */
export async function evaluateRetrieval(
  kb: KnowledgeBase,
  queries: RetrievalQuery[],
  options: SearchOptions & {
    ingestMs?: number;
    reorder?: (query: string, hits: SearchHit[]) => SearchHit[] | Promise<SearchHit[]>;
  } = {},
): Promise<RetrievalReport> {
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  const times: number[] = [];
  for (const q of queries) {
    const relevant = new Set(q.relevant_ids.map(String));
    // Embedding time is reported by the embedding benchmark; here it is part of the query, as a user sees it.
    const started = performance.now();
    // A second stage (the agents' reranker) reorders the first stage's hits when given; it is timed with the query.
    const first = await kb.search(q.query, { ...options, limit: 40 });
    const hits = options.reorder ? await options.reorder(q.query, first) : first;
    times.push(performance.now() - started);
    const docs: string[] = [];
    for (const h of hits) if (!docs.includes(h.chunk.docId)) docs.push(h.chunk.docId);
    const rank = docs.slice(0, 10).findIndex((d) => relevant.has(d));
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 5) hit5++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const n = queries.length || 1;
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    hit_at_1: round(hit1 / n),
    hit_at_5: round(hit5 / n),
    mrr_at_10: round(mrr / n),
    n: queries.length,
    ingest_ms: Math.round(options.ingestMs ?? 0),
    query_p50_ms: round(percentile(times, 50)),
    query_p95_ms: round(percentile(times, 95)),
  };
}
