import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SearchHit } from '../knowledge/types.js';
import { contentWords, coverage } from './coverage.js';

/** The features of one retrieved chunk, in the order the reranker's weights use. */
export const RERANK_FEATURES = [
  'fused',
  'fused_rank',
  'bm25',
  'bm25_rank',
  'cos',
  'cos_gap',
  'cos_rank',
  'cov_title',
  'cov_head',
  'cov_all',
  'cov_idf',
  'pairs',
  'length',
  'doc_hits',
  'intro',
] as const;

/** The second-stage ranker: a linear score over `RERANK_FEATURES`, fitted listwise by `fit-rerank.ts` (versioned JSON). */
export const rerankModelSchema = z.object({
  version: z.string(),
  features: z.array(z.string()),
  weights: z.array(z.number()),
  /** Chunks taken from first-stage retrieval and reordered. */
  depth: z.number().int().min(1).max(100),
  fitted: z.record(z.unknown()).optional(),
});
export type RerankModel = z.infer<typeof rerankModelSchema>;

/** The shipped reranker. */
export const RERANK_MODEL: RerankModel = rerankModelSchema.parse(
  JSON.parse(readFileSync(new URL('./rerank-model.json', import.meta.url), 'utf8')),
);

/** A hit after reranking: `share` is its softmax share of the reranker's scores among the candidates (≈ P(right article)). */
export type RankedHit = SearchHit & { rerank: number; share: number };

const rankOf = (values: number[]) => {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const out = new Array<number>(values.length);
  order.forEach(([, i], r) => (out[i] = r));
  return out;
};

/** Share of the query's adjacent content-word pairs that also stand side by side in the text (term proximity). */
function pairsShared(q: string[], text: Set<string>): number {
  if (q.length < 2) return 0;
  let n = 0;
  for (let i = 1; i < q.length; i++) if (text.has(`${q[i - 1]} ${q[i]}`)) n++;
  return n / (q.length - 1);
}

/** Features of every hit of one query; relative features (ranks, gaps, rarity) compare the hits with each other. */
export function rerankFeatures(query: string, hits: SearchHit[]): number[][] {
  const maxScore = Math.max(1e-9, ...hits.map((h) => h.score));
  const maxBm25 = Math.max(1e-9, ...hits.map((h) => h.bm25 ?? 0));
  const cos = hits.map((h) => h.similarity ?? 0);
  const maxCos = Math.max(...cos);
  const bm25Rank = rankOf(hits.map((h) => h.bm25 ?? 0));
  const cosRank = rankOf(cos);
  const q = contentWords(query);
  const qSet = [...new Set(q)];
  const words = hits.map((h) => contentWords(`${h.chunk.title} ${h.chunk.heading} ${h.chunk.text}`));
  const sets = words.map((w) => new Set(w));
  // A query word found in few of the candidates tells them apart; one found in all of them does not.
  const idf = qSet.map((w) => Math.log(1 + hits.length / (1 + sets.filter((s) => s.has(w)).length)));
  const idfTotal = idf.reduce((a, b) => a + b, 0) || 1;
  const perDoc = new Map<string, number>();
  for (const h of hits) perDoc.set(h.chunk.docId, (perDoc.get(h.chunk.docId) ?? 0) + 1);
  return hits.map((h, i) => {
    const bigrams = new Set(words[i].slice(1).map((w, j) => `${words[i][j]} ${w}`));
    return [
      h.score / maxScore,
      1 / (1 + i),
      (h.bm25 ?? 0) / maxBm25,
      1 / (1 + bm25Rank[i]),
      cos[i],
      cos[i] - maxCos,
      1 / (1 + cosRank[i]),
      coverage(query, h.chunk.title),
      coverage(query, h.chunk.heading),
      coverage(query, `${h.chunk.title} ${h.chunk.heading} ${h.chunk.text}`),
      qSet.reduce((t, w, k) => t + (sets[i].has(w) ? idf[k] : 0), 0) / idfTotal,
      pairsShared(q, bigrams),
      Math.min(1, Math.log1p(words[i].length) / Math.log(400)),
      Math.min(1, (perDoc.get(h.chunk.docId)! - 1) / 4),
      h.chunk.heading ? 0 : 1,
    ];
  });
}

/** Reorder first-stage hits by the reranker, best first, each with its score and softmax share. */
export function rerank(query: string, hits: SearchHit[], model: RerankModel = RERANK_MODEL): RankedHit[] {
  if (!hits.length) return [];
  const x = rerankFeatures(query, hits);
  const s = x.map((row) => row.reduce((t, v, j) => t + v * (model.weights[j] ?? 0), 0));
  const max = Math.max(...s);
  const e = s.map((v) => Math.exp(v - max));
  const z = e.reduce((a, b) => a + b, 0);
  return hits.map((h, i) => ({ ...h, rerank: s[i], share: e[i] / z })).sort((a, b) => b.rerank - a.rerank);
}
