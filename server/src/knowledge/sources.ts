// Where knowledge-base documents came from, so a folder's documents can be listed and removed as one unit (the CLI's
// `kb list|remove`, and `serve --kb`, which drops folders it is no longer given).
import type { DocumentSummary } from './base-types.js';
import type { Snapshot } from './persist.js';
import type { Chunk } from './types.js';

/** Documents and chunks that came from one source (`path:<absolute folder>` or `api`). */
export interface SourceSummary {
  source: string;
  documents: number;
  chunks: number;
}

/** Count documents and chunks per source; sorted by source key. */
export function summariseSources(
  sources: Map<string, string> | Record<string, string>,
  chunks: Iterable<Chunk>,
): SourceSummary[] {
  const bySource = new Map<string, SourceSummary>();
  const docSource = sources instanceof Map ? sources : new Map(Object.entries(sources));
  for (const [, source] of docSource) {
    const s = bySource.get(source) ?? { source, documents: 0, chunks: 0 };
    s.documents++;
    bySource.set(source, s);
  }
  for (const chunk of chunks) {
    const source = docSource.get(chunk.docId);
    if (source) bySource.get(source)!.chunks++;
  }
  return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
}

/** A copy of `snap` without the documents of `source` (chunks, vectors and source entries). */
export function snapshotWithoutSource(
  snap: Snapshot,
  source: string,
): { snapshot: Snapshot; removedDocuments: number } {
  const gone = new Set(
    Object.entries(snap.sources)
      .filter(([, s]) => s === source)
      .map(([id]) => id),
  );
  const keep = snap.chunks.flatMap((c, i) => (gone.has(c.docId) ? [] : [i]));
  const vectors = new Float32Array(keep.length * snap.dim);
  keep.forEach((from, to) => vectors.set(snap.vectors.subarray(from * snap.dim, (from + 1) * snap.dim), to * snap.dim));
  const sources = Object.fromEntries(Object.entries(snap.sources).filter(([id]) => !gone.has(id)));
  return {
    snapshot: { ...snap, chunks: keep.map((i) => snap.chunks[i]), vectors, sources },
    removedDocuments: gone.size,
  };
}

/** Every document with where it came from (`api` when unknown) and its chunk count, sorted by id. */
export function listDocuments(sources: Map<string, string>, chunks: Iterable<Chunk>): DocumentSummary[] {
  const byDoc = new Map<string, DocumentSummary>();
  for (const c of chunks) {
    const d = byDoc.get(c.docId);
    if (d) d.chunks++;
    else
      byDoc.set(c.docId, {
        id: c.docId,
        title: c.title,
        collection: c.collection,
        url: c.url,
        source: sources.get(c.docId) ?? 'api',
        chunks: 1,
      });
  }
  return [...byDoc.values()].sort((a, b) => a.id.localeCompare(b.id));
}
