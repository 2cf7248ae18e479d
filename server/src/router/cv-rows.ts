import type { TrainingData } from './classifier-types.js';

/** Stratified fold of each row (seeded, deterministic). */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number): Int32Array {
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) byLabel.set(labels[i], [...(byLabel.get(labels[i]) ?? []), i]);
  const fold = new Int32Array(labels.length);
  let start = 0;
  for (const rows of byLabel.values()) {
    shuffle(rows, 17 + rows.length);
    // Rotating the start keeps small topics from all landing in fold 0.
    rows.forEach((r, i) => (fold[r] = (start + i) % folds));
    start = (start + rows.length) % folds;
  }
  return fold;
}

/** Deterministic Fisher–Yates shuffle (a small LCG), so every node trains the same model. */
export function shuffle<T>(xs: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = xs.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Per-example training weight: balanced per topic (a topic with 100 examples weighs as much as one with 10), site × siteWeight. */
export function sampleWeights(data: TrainingData, siteWeight: number): Float64Array {
  const count = new Float64Array(data.topics.length);
  for (const t of data.topic) count[t]++;
  return Float64Array.from(data.topic, (t) => (1 / count[t]) * (data.topics[t].site ? siteWeight : 1));
}

/** The rows cross-validation uses: all of them, or a stratified sample of `max`. */
export function cvRows(data: TrainingData, max: number): number[] {
  const all = Array.from({ length: data.x.n }, (_, i) => i);
  if (all.length <= max) return all;
  const fold = stratifiedFolds(data.topic, Math.ceil(all.length / max));
  return all.filter((i) => fold[i] === 0);
}

/** The training data restricted to these rows (vectors, topics and keyword units copied). */
export function subset(data: TrainingData, rows: number[]): TrainingData {
  const { dim } = data.x;
  const x = new Float32Array(rows.length * dim);
  const keyword = new Float32Array(rows.length * data.topics.length);
  rows.forEach((r, i) => {
    x.set(data.x.data.subarray(r * dim, (r + 1) * dim), i * dim);
    keyword.set(data.keyword.subarray(r * data.topics.length, (r + 1) * data.topics.length), i * data.topics.length);
  });
  return { ...data, x: { n: rows.length, dim, data: x }, topic: Int32Array.from(rows, (r) => data.topic[r]), keyword };
}

/** The rows whose fold passes `keep`. */
export const rowsWhere = (fold: Int32Array, keep: (f: number) => boolean) =>
  Array.from(fold.keys()).filter((r) => keep(fold[r]));
/** How many rows carry each of `n` labels. */
export const countPer = (labels: Int32Array, n: number) => {
  const c = new Array<number>(n).fill(0);
  for (const l of labels) c[l]++;
  return c;
};
