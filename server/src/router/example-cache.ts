import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Embedder } from '../knowledge/types.js';

interface CacheFile {
  embedder: string;
  dim: number;
  /** sha256 of the example text → base64 of its Float32 vector. */
  vectors: Record<string, string>;
}

const key = (text: string) => createHash('sha256').update(text).digest('base64url');

// What this process last read or wrote per file: a live retrain does not parse megabytes of JSON on the event loop.
const loaded = new Map<string, { embedder: string; vectors: Map<string, string> }>();

function read(file: string, embedder: Embedder): Map<string, string> {
  const known = loaded.get(file);
  if (known?.embedder === `${embedder.id}/${embedder.dim}`) return known.vectors;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    // Another embedder's vectors live in another space: never mix them.
    if (data.embedder !== embedder.id || data.dim !== embedder.dim) return new Map();
    const vectors = new Map(Object.entries(data.vectors));
    loaded.set(file, { embedder: `${embedder.id}/${embedder.dim}`, vectors });
    return vectors;
  } catch {
    return new Map(); // missing or unreadable: rebuild it
  }
}

const decode = (b64: string) => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
const encode = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');

/**
 * Embed the router's example utterances, reusing the vectors saved in `file` by an earlier start with the same
 * embedder: hundreds of examples cost seconds of USE-lite time at every start otherwise.
 */
export async function embedExamples(texts: string[], embedder: Embedder, file?: string): Promise<Float32Array[]> {
  if (!file) return texts.length ? embedder.embed(texts) : [];
  const saved = read(file, embedder);
  const missing = [...new Set(texts.filter((t) => !saved.has(key(t))))];
  if (missing.length) {
    const vectors = await embedder.embed(missing);
    missing.forEach((t, i) => saved.set(key(t), encode(vectors[i])));
    const wanted = new Set(texts.map(key));
    const data: CacheFile = {
      embedder: embedder.id,
      dim: embedder.dim,
      vectors: Object.fromEntries([...saved].filter(([k]) => wanted.has(k))),
    };
    mkdirSync(dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written cache behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(data));
    renameSync(`${file}.tmp`, file);
    loaded.set(file, { embedder: `${embedder.id}/${embedder.dim}`, vectors: new Map(Object.entries(data.vectors)) });
  }
  return texts.map((t) => decode(saved.get(key(t))!));
}
