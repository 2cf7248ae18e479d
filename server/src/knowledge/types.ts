/** Turns texts into vectors. Implementations run the model off the event loop. */
export interface Embedder {
  /** Stable id recorded with every index, e.g. `use-lite` or `transformers:Xenova/all-MiniLM-L6-v2`. */
  readonly id: string;
  /** Vector dimension. */
  readonly dim: number;
  /** Changes when the same id would give other vectors (new weights): caches of vectors and trained routers key on it. */
  readonly version?: string;
  /** Embed a batch of texts; the result has one L2-normalised vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Release worker threads and model memory. */
  close(): Promise<void>;
  /**
   * The runtime's own memory outside the main V8 heap (a worker's heap, a WebAssembly heap), for `/metrics`; zeros when
   * the runtime does not answer within `timeoutMs` (default 1 s: a scrape must not wait for a busy worker).
   */
  memory?(timeoutMs?: number): Promise<{ heapBytes: number; wasmBytes: number }>;
  /** Give back memory a bulk embed left behind (e.g. replace a worker whose WebAssembly heap grew); true if it did. */
  compact?(): Promise<boolean>;
}

/** One indexed piece of a document. */
export interface Chunk {
  id: string;
  docId: string;
  title: string;
  /** Heading path inside the document, e.g. `Billing > Refunds`. */
  heading: string;
  text: string;
  url?: string;
  collection: string;
  tags: string[];
  /** Content hash; unchanged chunks are never re-embedded. */
  hash: string;
}

export interface SearchOptions {
  /** Restrict to these collections (an agent's own part of the knowledge base). */
  collections?: string[];
  /** Restrict to chunks having any of these tags. */
  tags?: string[];
  /** Maximum hits (default 5). */
  limit?: number;
  /** A precomputed query vector, so routing and retrieval embed a message only once. */
  vector?: Float32Array;
  /** `hybrid` (default), `bm25` or `vector`. */
  mode?: 'hybrid' | 'bm25' | 'vector';
  /** Collapse documents sharing a title to the best-ranked one (default: the index's `collapseTitles`, on). */
  collapse?: boolean;
}

export interface SearchHit {
  chunk: Chunk;
  /** Fused relevance score in [0, 1], relative to the other hits; higher is better. */
  score: number;
  /** Cosine similarity of the chunk to the query (absolute), when a vector was used. */
  similarity?: number;
  /** Raw BM25 score, when text search was used. */
  bm25?: number;
}

/** What the agents and the HTTP layer need from the knowledge base. */
export interface KnowledgeSearch {
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Embed a text once (cached) so the router and retrieval can share the vector. */
  embedQuery(text: string): Promise<Float32Array>;
  /** Embed answer passages (cached by content), so answer units are embedded only when first considered. */
  embedPassages?(texts: string[]): Promise<Float32Array[]>;
  /** Every chunk of a document (to rebuild a whole section around a hit). */
  document?(docId: string): Chunk[];
  /** Incremented on every change, for cache invalidation. */
  readonly version: number;
}
