import type { Logger } from '../util/logger.js';
import type { HybridIndex } from './hybrid.js';
import { embeddingText } from './ingest/chunk.js';
import type { Snapshot } from './persist.js';
import type { Embedder } from './types.js';

/**
 * Load a saved snapshot into `index` and `sources`. A snapshot built with another embedder is re-embedded (every
 * chunk); returns whether that happened, so the caller saves the new vectors.
 */
export async function restoreSnapshot(
  snapshot: Snapshot,
  embedder: Embedder,
  index: HybridIndex,
  sources: Map<string, string>,
  logger?: Logger,
): Promise<{ reembedded: boolean }> {
  let vectors = snapshot.vectors;
  if (snapshot.embedder !== embedder.id || snapshot.dim !== embedder.dim) {
    logger?.warn(
      { from: snapshot.embedder, to: embedder.id, chunks: snapshot.chunks.length },
      'knowledge base was built with another embedder; re-embedding every chunk',
    );
    const fresh = await embedder.embed(snapshot.chunks.map(embeddingText));
    vectors = new Float32Array(fresh.length * embedder.dim);
    fresh.forEach((v, i) => vectors.set(v, i * embedder.dim));
  }
  await index.upsert(
    snapshot.chunks.map((chunk, i) => ({
      chunk,
      vector: vectors.subarray(i * embedder.dim, (i + 1) * embedder.dim),
    })),
  );
  for (const [docId, src] of Object.entries(snapshot.sources)) sources.set(docId, src);
  return { reembedded: snapshot.embedder !== embedder.id };
}
