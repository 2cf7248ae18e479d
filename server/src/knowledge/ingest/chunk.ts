import { createHash } from 'node:crypto';
import type { Chunk } from '../types.js';
import type { SourceDocument } from './types.js';

export interface ChunkOptions {
  /** Words per chunk (USE-lite reads ~128 tokens, about 70–90 words). */
  maxWords: number;
  /** Words repeated between consecutive chunks of one section. */
  overlapWords: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxWords: 80, overlapWords: 15 };

/** A short content hash. */
export function contentHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

/** Split a document into chunks by section and size, with overlap; each keeps its heading path for citations. */
export function chunkDocument(doc: SourceDocument, options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  const step = Math.max(1, options.maxWords - options.overlapWords);
  for (const section of doc.sections) {
    const words = section.text.split(/\s+/).filter(Boolean);
    for (let start = 0; start < words.length; start += step) {
      const text = words.slice(start, start + options.maxWords).join(' ');
      const n = chunks.length;
      chunks.push({
        id: `${doc.id}#${n}`,
        docId: doc.id,
        title: doc.title,
        heading: section.heading,
        text,
        url: doc.url,
        collection: doc.collection,
        tags: doc.tags,
        hash: contentHash(doc.title, section.heading, text),
      });
      if (start + options.maxWords >= words.length) break;
    }
  }
  return chunks;
}

/** The text that gets embedded: title and heading first, because the embedder reads only the start. */
export function embeddingText(c: Chunk): string {
  return [c.title, c.heading, c.text].filter(Boolean).join('. ');
}
