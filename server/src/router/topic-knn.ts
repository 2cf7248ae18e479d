import type { TrainingData } from './classifier-types.js';
import type { Rows } from './logistic.js';

/** kNN similarities become logits at this scale (mean top-k cosine / 0.03). */
export const KNN_SCALE = 1 / 0.03;

/**
 * The cosine similarity of `v` with every row of `x`. Routing a message needs it twice over the same examples (the
 * kNN logits and the off-topic margin), so the model computes it once and hands it to both.
 */
export function rowSimilarities(x: Rows, v: Float32Array): Float64Array {
  const out = new Float64Array(x.n);
  for (let r = 0; r < x.n; r++) {
    let s = 0;
    const off = r * x.dim;
    for (let i = 0; i < x.dim; i++) s += x.data[off + i] * v[i];
    out[r] = s;
  }
  return out;
}

/**
 * kNN logits: per topic, the mean of its k best cosine similarities, scaled, plus a bias for the owner's topics.
 * `sims`: `rowSimilarities(data.x, v)` when the caller already has it.
 */
export function knnLogits(
  data: TrainingData,
  v: Float32Array,
  k: number,
  siteBias: number,
  sims = rowSimilarities(data.x, v),
): Float64Array {
  const { x, topic, topics } = data;
  const best = topics.map(() => [] as number[]);
  for (let r = 0; r < x.n; r++) insertTop(best[topic[r]], sims[r], k);
  return Float64Array.from(best, (b, t) =>
    b.length ? (b.reduce((a, s) => a + s, 0) / b.length) * KNN_SCALE + (topics[t].site ? siteBias : 0) : -1e9,
  );
}

/** Keep `list` as the `k` largest values, descending. */
export function insertTop(list: number[], s: number, k: number): void {
  if (list.length === k && s <= list[k - 1]) return;
  let i = list.length === k ? k - 1 : list.length;
  while (i > 0 && list[i - 1] < s) {
    list[i] = list[i - 1];
    i--;
  }
  list[i] = s;
  if (list.length > k) list.length = k;
}

/** For every CV row, the top-`k` cosine similarities per topic among the rows of the other folds. */
export function knnHeldOut(cv: TrainingData, fold: Int32Array, k: number): number[][][] {
  const { n, dim, data } = cv.x;
  const tops = Array.from({ length: n }, () => cv.topics.map(() => [] as number[]));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (fold[i] === fold[j]) continue;
      let s = 0;
      const a = i * dim;
      const b = j * dim;
      for (let d = 0; d < dim; d++) s += data[a + d] * data[b + d];
      insertTop(tops[i][cv.topic[j]], s, k);
      insertTop(tops[j][cv.topic[i]], s, k);
    }
  }
  return tops;
}

/** The mean of the first `k` (largest) similarities. */
export const meanOfTop = (b: number[], k: number) => {
  const m = Math.min(k, b.length);
  let s = 0;
  for (let i = 0; i < m; i++) s += b[i];
  return s / m;
};
