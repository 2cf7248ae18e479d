import { Lru } from '../util/lru.js';
import { cacheKey } from './cache-key.js';
import type { Embedder } from './types.js';

/** Embeddings of queries and answer units, cached by content so a repeated text costs nothing. */
export class EmbeddingCache {
  /** Query vectors (keyed by customers' words: a GDPR erase clears them). */
  readonly queries: Lru<string, Float32Array>;
  // Answer units are embedded lazily (ingest stays at chunk speed) and kept by content, across knowledge changes.
  private readonly passages: Lru<string, Float32Array>;

  constructor(
    private readonly embedder: Embedder,
    private readonly maxQueryChars: number,
    sizes: { queries: number; passages: number },
  ) {
    this.queries = new Lru(sizes.queries);
    this.passages = new Lru(sizes.passages);
  }

  /** The vector of a query, cut to `maxQueryChars` first (embedding cost grows with length). */
  async query(full: string): Promise<Float32Array> {
    const text = full.slice(0, this.maxQueryChars);
    const key = cacheKey(text);
    const cached = this.queries.get(key);
    if (cached) return cached;
    const [v] = await this.embedder.embed([text]);
    this.queries.set(key, v);
    return v;
  }

  /** Vectors of answer units, embedding only those not seen before (each distinct text once). */
  async passagesOf(texts: string[]): Promise<Float32Array[]> {
    const keys = texts.map(cacheKey);
    const found = new Map<string, Float32Array>();
    for (const k of keys) {
      const v = this.passages.get(k);
      if (v) found.set(k, v);
    }
    const missing = [...new Set(keys.filter((k) => !found.has(k)))];
    if (missing.length) {
      const vectors = await this.embedder.embed(missing.map((k) => texts[keys.indexOf(k)]));
      missing.forEach((k, i) => (found.set(k, vectors[i]), this.passages.set(k, vectors[i])));
    }
    return keys.map((k) => found.get(k)!);
  }
}
