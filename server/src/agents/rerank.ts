import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { KnowledgeSearch, SearchHit } from '../knowledge/types.js';
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
  'title_idf',
  'head_pairs',
  'doc_best',
  'cos_z',
  'cos_headline',
  'cos_headline_gap',
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

/** A first-stage hit, with the cosine similarity of the query to its title and heading alone when known. */
export type RerankInput = SearchHit & { headSimilarity?: number };

const headline = (h: SearchHit) => [h.chunk.title, h.chunk.heading].filter(Boolean).join('. ');

/**
 * Add each hit's title-and-heading similarity: a question is compared with the question an article or section is
 * titled with, where a whole passage's vector is blurred by its other sentences. Headlines are embedded once and
 * cached by the knowledge base, so a help centre's few headlines cost nothing after their first question.
 */
export async function withHeadSimilarity(
  knowledge: KnowledgeSearch,
  query: string,
  vector: Float32Array | undefined,
  hits: SearchHit[],
): Promise<RerankInput[]> {
  if (!hits.length || !knowledge.embedPassages || !hits.some((h) => h.similarity !== undefined)) return hits;
  const [q, heads] = await Promise.all([
    vector ?? knowledge.embedQuery(query),
    knowledge.embedPassages(hits.map(headline)),
  ]);
  return hits.map((h, i) => {
    let s = 0;
    for (let j = 0; j < q.length; j++) s += q[j] * heads[i][j];
    return { ...h, headSimilarity: s };
  });
}

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
export function rerankFeatures(query: string, hits: RerankInput[]): number[][] {
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
  // The first (best fused) chunk of each document: a document's other chunks ride on its best one.
  const docFirst = new Map<string, number>();
  hits.forEach((h, i) => docFirst.has(h.chunk.docId) || docFirst.set(h.chunk.docId, i));
  const cosMean = cos.reduce((a, b) => a + b, 0) / hits.length;
  const cosSd = Math.sqrt(cos.reduce((a, b) => a + (b - cosMean) ** 2, 0) / hits.length) || 1;
  const heads = hits.map((h, i) => h.headSimilarity ?? cos[i]);
  const maxHead = Math.max(...heads);
  return hits.map((h, i) => {
    const bigrams = new Set(words[i].slice(1).map((w, j) => `${words[i][j]} ${w}`));
    const head = contentWords(`${h.chunk.title} ${h.chunk.heading}`);
    const headSet = new Set(head);
    const headBigrams = new Set(head.slice(1).map((w, j) => `${head[j]} ${w}`));
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
      qSet.reduce((t, w, k) => t + (headSet.has(w) ? idf[k] : 0), 0) / idfTotal,
      pairsShared(q, headBigrams),
      docFirst.get(h.chunk.docId) === i ? 1 : 0,
      // Standardised within the candidates: how far above the pack the passage's meaning is.
      Math.max(-3, Math.min(3, (cos[i] - cosMean) / cosSd)),
      heads[i],
      heads[i] - maxHead,
    ];
  });
}

/** Reorder first-stage hits by the reranker, best first, each with its score and softmax share. */
export function rerank<H extends RerankInput>(
  query: string,
  hits: H[],
  model: RerankModel = RERANK_MODEL,
): Array<H & RankedHit> {
  if (!hits.length) return [];
  const x = rerankFeatures(query, hits);
  const s = x.map((row) => row.reduce((t, v, j) => t + v * (model.weights[j] ?? 0), 0));
  const max = Math.max(...s);
  const e = s.map((v) => Math.exp(v - max));
  const z = e.reduce((a, b) => a + b, 0);
  return hits.map((h, i) => ({ ...h, rerank: s[i], share: e[i] / z })).sort((a, b) => b.rerank - a.rerank);
}
