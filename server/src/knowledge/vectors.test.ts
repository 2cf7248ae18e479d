import { describe, expect, it } from 'vitest';
import { l2normalize } from './embedders/normalize.js';
import { FlatVectors } from './vectors.js';

function random(dim: number, seed: number): Float32Array {
  let s = seed;
  return l2normalize(
    Float32Array.from({ length: dim }, () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5),
  );
}

describe('FlatVectors', () => {
  it('returns the same top-k as an exhaustive sort, within groups, and follows deletes', () => {
    const flat = new FlatVectors(32);
    const all = Array.from({ length: 300 }, (_, i) => ({
      id: `c${i}`,
      v: random(32, i + 1),
      g: i % 3 === 0 ? 'billing' : 'technical',
    }));
    for (const { id, v, g } of all) flat.set(id, v, g);
    const q = random(32, 999);
    const score = (v: Float32Array) => v.reduce((s, x, j) => s + x * q[j], 0);
    const expected = (rows: typeof all) =>
      rows
        .map((r) => ({ id: r.id, s: score(r.v) }))
        .sort((a, b) => b.s - a.s)
        .slice(0, 7)
        .map((r) => r.id);
    expect(flat.topK(q, 7).map((h) => h.id)).toEqual(expected(all));
    expect(flat.topK(q, 7, ['billing']).map((h) => h.id)).toEqual(expected(all.filter((r) => r.g === 'billing')));
    expect(flat.topK(q, 7, ['unknown'])).toEqual([]);
    const [best] = expected(all);
    flat.delete(best);
    expect(flat.topK(q, 1)[0].id).not.toBe(best);
    expect(flat.size).toBe(299);
    expect(flat.similarity('c1', q)).toBeCloseTo(score(all[1].v), 5);
  });
});
