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

/** The text with every run of whitespace (line breaks included) as one space. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');

/** A short content hash. */
export function contentHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

/** Split a document into chunks by section and size, with overlap; each keeps its heading path for citations. */
export function chunkDocument(doc: SourceDocument, options: ChunkOptions = DEFAULT_CHUNKING): Chunk[] {
  const chunks: Chunk[] = [];
  const step = Math.max(1, options.maxWords - options.overlapWords);
  for (const section of doc.sections) {
    // Word windows as before, but line breaks survive inside a chunk: answer units need the Markdown structure
    // (list items, table rows) that a flat string of words would lose.
    const lines = section.text.split('\n').map((l) => l.trim().split(/\s+/).filter(Boolean));
    const words = lines.flat();
    const lineStart = new Set<number>();
    let at = 0;
    for (const l of lines) {
      if (l.length) lineStart.add(at);
      at += l.length;
    }
    for (let start = 0; start < words.length; start += step) {
      const end = Math.min(words.length, start + options.maxWords);
      let text = words[start];
      for (let i = start + 1; i < end; i++) text += (lineStart.has(i) ? '\n' : ' ') + words[i];
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
        // Hashed on the flat text, so vectors cached before line breaks were kept stay valid.
        hash: contentHash(doc.title, section.heading, flat(text)),
      });
      if (start + options.maxWords >= words.length) break;
    }
  }
  return chunks;
}

/** The text that gets embedded: title and heading first, because the embedder reads only the start. */
export function embeddingText(c: Chunk): string {
  return [c.title, c.heading, flat(c.text)].filter(Boolean).join('. ');
}
