import type { Embedder } from '../types.js';
import { l2normalize } from './normalize.js';

const DIM = 256;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashing-trick embedding of words and word bigrams: deterministic and instant. */
export function hashVector(text: string, dim = DIM): Float32Array {
  const v = new Float32Array(dim);
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const add = (token: string, weight: number) => {
    const h = fnv1a(token);
    v[h % dim] += (h & 0x80000000 ? -1 : 1) * weight;
  };
  words.forEach((w, i) => {
    add(w, 1);
    if (i > 0) add(`${words[i - 1]} ${w}`, 0.5);
  });
  return l2normalize(v);
}

/**
 * The `hash` embedder: a bag-of-words hashing trick, for tests and development only.
 * It has no notion of meaning beyond shared words; use `use-lite` or a transformers model in production.
 */
export function createHashEmbedder(dim = DIM): Embedder {
  return {
    id: `hash-${dim}`,
    dim,
    async embed(texts) {
      return texts.map((t) => hashVector(t, dim));
    },
    async close() {},
  };
}
