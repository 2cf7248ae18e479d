// `serve --kb`: the folders given are exactly what the server answers from. Each is ingested incrementally (with
// progress in the log) and documents that came from any other folder are dropped, so a shop's server never answers from
// the demo's articles left in a shared data folder. Documents added through the API are kept.
import type { Logger } from '../util/logger.js';
import { folderSource, type IngestProgress, type KnowledgeBase } from './index.js';

/** Log embedding progress at most every `everyMs` (large folders take minutes on the first start). */
function progressLog(logger: Logger, path: string, everyMs: number): (p: IngestProgress) => void {
  let last = 0;
  return (p) => {
    if (p.phase === 'read') logger.info({ path, documents: p.total }, 'knowledge base: reading folder');
    if (p.phase !== 'embed') return;
    const now = performance.now();
    if (now - last < everyMs && p.done < p.total) return;
    last = now;
    logger.info({ path, done: p.done, total: p.total }, 'knowledge base: embedding');
  };
}

/** Ingest `paths` and remove documents from folders not among them; returns the removed folder keys. */
export async function syncFolders(
  knowledge: KnowledgeBase,
  paths: string[],
  logger: Logger,
  options: { progressEveryMs?: number } = {},
): Promise<string[]> {
  for (const path of paths) {
    const r = await knowledge.ingestPath(path, {
      onProgress: progressLog(logger, path, options.progressEveryMs ?? 2000),
    });
    logger.info(
      { path, documents: r.documents, chunks: r.chunks, embedded: r.embedded, removed: r.removedDocuments, ms: r.ms },
      'knowledge base ingested',
    );
  }
  if (!paths.length) return [];
  const wanted = new Set(paths.map(folderSource));
  const others = knowledge.sources().filter((s) => s.source.startsWith('path:') && !wanted.has(s.source));
  for (const s of others) {
    await knowledge.removeSource(s.source);
    logger.warn(
      { folder: s.source.slice('path:'.length), documents: s.documents },
      'knowledge base: removed documents of a folder not given with --kb',
    );
  }
  return others.map((s) => s.source);
}
