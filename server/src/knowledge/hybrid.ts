import { Bm25Index, type Bm25Options } from './bm25.js';
import type { Chunk, SearchHit, SearchOptions } from './types.js';
import { FlatVectors } from './vectors.js';

/** Fusion weights, tuned on public FAQ data and kept general: text and meaning count equally. */
export interface FusionOptions {
  /** Weight of the normalised BM25 score; the vector score gets 1 − this. */
  textWeight: number;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** BM25F field weights and parameters. */
  bm25: Bm25Options;
  /**
   * Field collapsing: among documents with the same (normalised) title only the best-ranked one is returned, like
   * Elasticsearch's `collapse`. Several answers to one question then take one result slot instead of crowding out
   * other questions; with unique titles this changes nothing.
   */
  collapseTitles: boolean;
}

export const DEFAULT_FUSION: FusionOptions = {
  textWeight: 0.5,
  candidates: 50,
  bm25: { boost: { title: 2, heading: 1, text: 1 }, k1: 2, b: 0.5, fuzzy: 0.8 },
  collapseTitles: true,
};

/**
 * Hybrid retrieval over chunks: BM25F text ranking (Orama's English tokenizer and stemmer) and an exact flat
 * vector scan, fused by weighted normalised scores (BM25 ÷ best BM25, cosine min–max over the candidates).
 */
export class HybridIndex {
  readonly chunks = new Map<string, Chunk>();
  readonly vectors: FlatVectors;
  private readonly text: Bm25Index;

  constructor(
    dim: number,
    private readonly fusion: FusionOptions = DEFAULT_FUSION,
  ) {
    this.vectors = new FlatVectors(dim);
    this.text = new Bm25Index(fusion.bm25);
  }

  /** Add or replace chunks with their vectors. */
  async upsert(items: Array<{ chunk: Chunk; vector: Float32Array }>): Promise<void> {
    for (const { chunk, vector } of items) {
      this.text.set(chunk.id, { title: chunk.title, heading: chunk.heading, text: chunk.text });
      this.chunks.set(chunk.id, chunk);
      this.vectors.set(chunk.id, vector, chunk.collection);
    }
  }

  /** Remove chunks by id. */
  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      if (!this.chunks.delete(id)) continue;
      this.text.delete(id);
      this.vectors.delete(id);
    }
  }

  get size(): number {
    return this.chunks.size;
  }

  /** Hybrid (default with a vector), BM25-only or vector-only search. */
  async search(query: string, vector: Float32Array | undefined, options: SearchOptions = {}): Promise<SearchHit[]> {
    const limit = options.limit ?? 5;
    const mode = options.mode ?? (vector ? 'hybrid' : 'bm25');
    const k = Math.max(this.fusion.candidates, limit);
    const collections = options.collections?.length ? new Set(options.collections) : undefined;
    const tags = options.tags?.length ? options.tags : undefined;
    const allowed = (id: string) => {
      const c = this.chunks.get(id)!;
      return (!collections || collections.has(c.collection)) && (!tags || c.tags.some((t) => tags.includes(t)));
    };
    const text = mode === 'vector' ? [] : this.text.search(query, k, collections || tags ? allowed : undefined);
    const useVector = mode !== 'bm25' && vector !== undefined;
    const vec = useVector
      ? this.vectors
          .topK(vector, tags ? k * 4 : k, options.collections)
          .filter((h) => allowed(h.id))
          .slice(0, k)
      : [];
    const candidates = new Map<string, { bm25: number; cos?: number }>();
    for (const h of text) candidates.set(h.id, { bm25: h.score });
    for (const h of vec) candidates.set(h.id, { bm25: candidates.get(h.id)?.bm25 ?? 0, cos: h.score });
    if (useVector) for (const [id, c] of candidates) c.cos ??= this.vectors.similarity(id, vector);
    let maxBm25 = 1e-9;
    let minCos = Infinity;
    let maxCos = -Infinity;
    for (const c of candidates.values()) {
      maxBm25 = Math.max(maxBm25, c.bm25);
      if (c.cos !== undefined) {
        minCos = Math.min(minCos, c.cos);
        maxCos = Math.max(maxCos, c.cos);
      }
    }
    const w = mode === 'hybrid' && useVector ? this.fusion.textWeight : mode === 'vector' ? 0 : 1;
    const hits: SearchHit[] = [];
    for (const [id, c] of candidates) {
      const textScore = c.bm25 / maxBm25;
      // A single candidate (or identical similarities) gets full marks rather than 0/0.
      const vecScore = c.cos === undefined ? 0 : maxCos > minCos ? (c.cos - minCos) / (maxCos - minCos) : 1;
      hits.push({
        chunk: this.chunks.get(id)!,
        score: w * textScore + (1 - w) * vecScore,
        similarity: c.cos,
        bm25: mode === 'vector' ? undefined : c.bm25,
      });
    }
    hits.sort((a, b) => b.score - a.score);
    return ((options.collapse ?? this.fusion.collapseTitles) ? collapseByTitle(hits) : hits).slice(0, limit);
  }
}

/** Keep every chunk of the best-ranked document per title; drop other documents carrying the same title. */
function collapseByTitle(hits: SearchHit[]): SearchHit[] {
  const owner = new Map<string, string>();
  return hits.filter(({ chunk }) => {
    const title = chunk.title.trim().toLowerCase();
    if (!title) return true;
    const first = owner.get(title);
    if (first === undefined) owner.set(title, chunk.docId);
    return first === undefined || first === chunk.docId;
  });
}
