import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../knowledge/types.js';
import type { KnowledgeSearch } from '../knowledge/types.js';
import {
  rerank,
  RERANK_FEATURES,
  RERANK_MODEL,
  rerankFeatures,
  withHeadSimilarity,
  type RerankModel,
} from './rerank.js';

const hit = (
  docId: string,
  title: string,
  text: string,
  score: number,
  similarity: number,
  bm25: number,
  heading = '',
): SearchHit => ({
  chunk: { id: `${docId}#0`, docId, title, heading, text, collection: 'general', tags: [], hash: docId },
  score,
  similarity,
  bm25,
});

const hits = [
  hit('assembly', 'How long does assembly take?', 'Our team assembles most furniture in under an hour.', 1, 0.52, 9),
  hit(
    'delivery',
    'Delivery times',
    'How long does delivery take? Standard delivery takes 3 to 5 working days.',
    0.8,
    0.5,
    7,
  ),
];

describe('rerank', () => {
  it('computes one feature vector per hit, in the order the model names them', () => {
    const x = rerankFeatures('how long does delivery take', hits);
    expect(x).toHaveLength(2);
    expect(x[0]).toHaveLength(RERANK_FEATURES.length);
    expect(RERANK_MODEL.features).toEqual([...RERANK_FEATURES]);
    expect(RERANK_MODEL.weights).toHaveLength(RERANK_FEATURES.length);
    const pairs = RERANK_FEATURES.indexOf('pairs');
    // "delivery take" stands side by side only in the second hit.
    expect(x[1][pairs]).toBeGreaterThan(x[0][pairs]);
  });

  it('reorders by the model and gives shares that sum to one', () => {
    const onlyCoverage: RerankModel = {
      version: 't',
      features: [...RERANK_FEATURES],
      depth: 20,
      weights: RERANK_FEATURES.map((f) => (f === 'cov_all' ? 10 : 0)),
    };
    const ranked = rerank('how long does delivery take', hits, onlyCoverage);
    expect(ranked[0].chunk.docId).toBe('delivery');
    expect(ranked[0].share).toBeGreaterThan(0.5);
    expect(ranked.reduce((s, h) => s + h.share, 0)).toBeCloseTo(1, 6);
    const onlyFused: RerankModel = { ...onlyCoverage, weights: RERANK_FEATURES.map((f) => (f === 'fused' ? 10 : 0)) };
    expect(rerank('how long does delivery take', hits, onlyFused)[0].chunk.docId).toBe('assembly');
  });

  it("compares the question with each hit's title and heading and falls back to the chunk's similarity", async () => {
    const axis = (i: number) => Float32Array.from([0, 1, 2], (j) => (j === i ? 1 : 0));
    const knowledge: KnowledgeSearch = {
      search: async () => [],
      embedQuery: async () => axis(1),
      embedPassages: async (texts) => texts.map((t) => axis(t.startsWith('Delivery') ? 1 : 0)),
      version: 0,
    };
    const withHeads = await withHeadSimilarity(knowledge, 'how long does delivery take', undefined, hits);
    expect(withHeads.map((h) => h.headSimilarity)).toEqual([0, 1]);
    const head = RERANK_FEATURES.indexOf('cos_headline');
    expect(rerankFeatures('how long does delivery take', withHeads).map((x) => x[head])).toEqual([0, 1]);
    expect(rerankFeatures('how long does delivery take', hits).map((x) => x[head])).toEqual([0.52, 0.5]);
    expect(await withHeadSimilarity({ ...knowledge, embedPassages: undefined }, 'q', undefined, hits)).toBe(hits);
  });

  it('returns nothing for no hits', () => {
    expect(rerank('anything', [])).toEqual([]);
  });
});
