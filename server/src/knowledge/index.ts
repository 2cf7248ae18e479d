import { AppError } from '../util/errors.js';
import { HybridIndex, DEFAULT_FUSION } from './hybrid.js';
import { chunkDocument, embeddingText, DEFAULT_CHUNKING } from './ingest/chunk.js';
import { DEFAULT_READ, parseFile, readDocuments } from './ingest/files.js';
import { markdownSections, markdownToText } from './ingest/markdown.js';
import type { IngestIssue, SourceDocument } from './ingest/types.js';
import { Lru } from '../util/lru.js';
import { cacheKey } from './cache-key.js';
import { loadSnapshot, saveSnapshot } from './persist.js';
import { listDocuments, summariseSources } from './sources.js';
import type { SearchHit, SearchOptions } from './types.js';
import { serialQueue, watchDebounced } from './watch.js';
import { EmbeddingCache } from './embedding-cache.js';
import { restoreSnapshot } from './restore.js';
import {
  folderSource,
  UPLOAD_SOURCE,
  type IngestProgress,
  type IngestResult,
  type KnowledgeBase,
  type KnowledgeOptions,
} from './base-types.js';

export type { Chunk, Embedder, KnowledgeSearch, SearchHit, SearchOptions } from './types.js';
export type { SourceSummary } from './sources.js';
export type {
  DocumentInput,
  DocumentSummary,
  IngestProgress,
  IngestResult,
  KnowledgeBase,
  KnowledgeOptions,
  KnowledgeStats,
} from './base-types.js';
export { folderSource, UPLOAD_SOURCE } from './base-types.js';

/** Open (or create) a knowledge base; a snapshot built with the same embedder is restored without re-embedding. */
export async function createKnowledgeBase(options: KnowledgeOptions): Promise<KnowledgeBase> {
  const { embedder, logger } = options;
  const index = new HybridIndex(embedder.dim, options.fusion ?? DEFAULT_FUSION);
  const sources = new Map<string, string>();
  const maxQueryChars = options.maxQueryChars ?? 2000;
  const embeddings = new EmbeddingCache(embedder, maxQueryChars, {
    queries: options.cacheSize ?? 1000,
    passages: options.passageCacheSize ?? 20_000,
  });
  const queryCache = embeddings.queries;
  const searchCache = new Lru<string, SearchHit[]>(options.cacheSize ?? 1000);
  const listeners = new Set<(change: { docIds: string[]; version: number }) => void>();
  const exclusive = serialQueue();
  let version = 0;

  const snapshot = options.dataDir ? loadSnapshot(options.dataDir) : undefined;
  if (snapshot) {
    const { reembedded } = await restoreSnapshot(snapshot, embedder, index, sources, logger);
    if (reembedded) await save();
    logger?.info({ chunks: index.size }, 'knowledge base restored');
  }

  async function save(): Promise<void> {
    if (!options.dataDir) return;
    const chunks = [...index.chunks.values()];
    const vectors = new Float32Array(chunks.length * embedder.dim);
    chunks.forEach((c, i) => vectors.set(index.vectors.get(c.id)!, i * embedder.dim));
    await saveSnapshot(options.dataDir, {
      embedder: embedder.id,
      dim: embedder.dim,
      chunks,
      vectors,
      sources: Object.fromEntries(sources),
    });
  }

  function changed(docIds: string[]): void {
    version++;
    searchCache.clear();
    for (const l of listeners) l({ docIds, version });
  }

  /** Replace the documents of one source with `docs`, embedding only chunks whose content hash is new. */
  async function apply(
    docs: SourceDocument[],
    sourceKey: string | undefined,
    onProgress?: (p: IngestProgress) => void,
  ): Promise<Omit<IngestResult, 'issues' | 'ms'>> {
    const byHash = new Map<string, Float32Array>();
    for (const c of index.chunks.values()) byHash.set(c.hash, index.vectors.get(c.id)!);
    const chunks = docs.flatMap((d) => chunkDocument(d, options.chunking ?? DEFAULT_CHUNKING));
    const missing = chunks.filter((c) => !byHash.has(c.hash));
    const batch = 64;
    for (let i = 0; i < missing.length; i += batch) {
      const part = missing.slice(i, i + batch);
      const vectors = await embedder.embed(part.map(embeddingText));
      part.forEach((c, j) => byHash.set(c.hash, vectors[j]));
      onProgress?.({ phase: 'embed', done: Math.min(i + batch, missing.length), total: missing.length });
    }
    const touched = new Set(docs.map((d) => d.id));
    // Old chunks of re-ingested documents, and documents that vanished from this source.
    const gone = sourceKey
      ? [...sources.entries()].filter(([id, s]) => s === sourceKey && !touched.has(id)).map(([id]) => id)
      : [];
    const goneSet = new Set(gone);
    const staleChunks = [...index.chunks.values()].filter((c) => touched.has(c.docId) || goneSet.has(c.docId));
    // Unchanged means the same chunk ids with the same content and metadata; anything else is a change to announce.
    const before = new Map(staleChunks.map((c) => [c.id, JSON.stringify(c)]));
    const unchanged =
      staleChunks.length === chunks.length && chunks.every((c) => before.get(c.id) === JSON.stringify(c));
    await index.remove(staleChunks.map((c) => c.id));
    await index.upsert(chunks.map((chunk) => ({ chunk, vector: byHash.get(chunk.hash)! })));
    for (const d of docs) sources.set(d.id, d.source);
    for (const id of gone) sources.delete(id);
    onProgress?.({ phase: 'save', done: 0, total: 1 });
    await save();
    if (!unchanged) changed([...touched, ...gone]);
    return { documents: docs.length, chunks: chunks.length, embedded: missing.length, removedDocuments: gone.length };
  }

  const kb: KnowledgeBase = {
    get version() {
      return version;
    },

    async ingestPath(path, opts = {}) {
      const started = performance.now();
      const { docs, issues } = readDocuments(path, {
        ...DEFAULT_READ,
        maxFileBytes: options.maxFileBytes ?? DEFAULT_READ.maxFileBytes,
        collection: opts.collection ?? DEFAULT_READ.collection,
      });
      const key = folderSource(path);
      opts.onProgress?.({ phase: 'read', done: docs.length, total: docs.length });
      for (const issue of issues) logger?.warn({ file: issue.file, code: issue.code }, issue.message);
      const result = await exclusive(() =>
        apply(
          docs.map((d) => ({ ...d, source: key })),
          key,
          opts.onProgress,
        ),
      );
      return { ...result, issues, ms: Math.round(performance.now() - started) };
    },

    async upsertDocuments(inputs) {
      const started = performance.now();
      const docs: SourceDocument[] = inputs.map((d) => ({
        id: d.id,
        title: d.title,
        url: d.url,
        collection: d.collection ?? 'general',
        tags: d.tags ?? [],
        sections: bodySections(d.body),
        source: 'api',
      }));
      const result = await exclusive(() => apply(docs, undefined));
      return { ...result, issues: [], ms: Math.round(performance.now() - started) };
    },

    async ingestFile(name, content, opts = {}) {
      const started = performance.now();
      const issues: IngestIssue[] = [];
      const docs = parseFile(name, name, content, opts.collection ?? DEFAULT_READ.collection, issues).filter((d) =>
        d.sections.some((s) => s.text.trim()),
      );
      if (!docs.length)
        throw new AppError('invalid_payload', issues[0]?.message ?? `${name}: no text to add.`, { field: 'content' });
      const result = await exclusive(() =>
        apply(
          docs.map((d) => ({ ...d, source: UPLOAD_SOURCE })),
          undefined,
        ),
      );
      return { ...result, issues, ms: Math.round(performance.now() - started) };
    },

    documents() {
      return listDocuments(sources, index.chunks.values());
    },

    deleteDocument(docId) {
      return exclusive(async () => {
        const ids = [...index.chunks.values()].filter((c) => c.docId === docId).map((c) => c.id);
        if (!ids.length) return false;
        await index.remove(ids);
        sources.delete(docId);
        await save();
        changed([docId]);
        return true;
      });
    },

    sources() {
      return summariseSources(sources, index.chunks.values());
    },

    removeSource(source) {
      return exclusive(async () => {
        const docIds = new Set([...sources.entries()].filter(([, s]) => s === source).map(([id]) => id));
        if (!docIds.size) return 0;
        await index.remove([...index.chunks.values()].filter((c) => docIds.has(c.docId)).map((c) => c.id));
        for (const id of docIds) sources.delete(id);
        await save();
        changed([...docIds]);
        return docIds.size;
      });
    },

    document(docId) {
      return [...index.chunks.values()].filter((c) => c.docId === docId);
    },

    embedQuery(full) {
      return embeddings.query(full);
    },

    embedPassages(texts) {
      return embeddings.passagesOf(texts);
    },

    async search(full, opts: SearchOptions = {}) {
      if (typeof full !== 'string' || !full.trim()) throw new AppError('invalid_payload', 'The search query is empty.');
      const query = full.slice(0, maxQueryChars);
      const mode = opts.mode ?? 'hybrid';
      const key = JSON.stringify([cacheKey(query), opts.collections, opts.tags, opts.limit, mode, opts.collapse]);
      const cached = searchCache.get(key);
      if (cached) return cached;
      const vector = mode === 'bm25' ? undefined : (opts.vector ?? (await kb.embedQuery(query)));
      const hits = await index.search(query, vector, { ...opts, mode });
      searchCache.set(key, hits);
      return hits;
    },

    clearCaches() {
      queryCache.clear();
      searchCache.clear();
    },

    stats() {
      const collections: Record<string, number> = {};
      const docs = new Set<string>();
      for (const c of index.chunks.values()) {
        collections[c.collection] = (collections[c.collection] ?? 0) + 1;
        docs.add(c.docId);
      }
      return {
        embedder: embedder.id,
        dim: embedder.dim,
        documents: docs.size,
        chunks: index.size,
        collections,
        version,
        cache: {
          queryHitRate: queryCache.hitRate,
          searchHitRate: searchCache.hitRate,
          entries: queryCache.size + searchCache.size,
        },
      };
    },

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    watch(path, opts = {}) {
      const reingest = () =>
        kb.ingestPath(path, { collection: opts.collection }).then(
          (r) =>
            logger?.info({ path, embedded: r.embedded, removed: r.removedDocuments }, 'knowledge base re-ingested'),
          (err) => logger?.error({ err, path }, 'knowledge base re-ingest failed'),
        );
      return watchDebounced(path, reingest, opts.debounceMs);
    },

    async close() {
      await exclusive(async () => undefined);
      listeners.clear();
    },
  };
  return kb;
}

/** Sections of a Markdown body given through the API. */
function bodySections(body: string): Array<{ heading: string; text: string }> {
  const sections = markdownSections(body)
    .map((s) => ({ heading: s.heading, text: markdownToText(s.text).trim() }))
    .filter((s) => s.text);
  return sections.length ? sections : [{ heading: '', text: body.trim() }];
}
