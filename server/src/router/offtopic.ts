import { fitPlatt, sigmoid } from './calibrate.js';
import { shuffle, stratifiedFolds } from './classifier.js';
import { logisticLogits, trainLogistic, type LogisticWeights, type Rows } from './logistic.js';

/**
 * Off-topic detection: in scope (every topic's examples) against off-topic examples, as one binary score with its
 * own Platt calibration. Both sides are balanced, so an agent with few examples does not make its questions look
 * off-topic.
 */
export interface OffTopicModel {
  kind: 'knn-margin' | 'logistic' | 'none';
  /** Platt scaling of the raw score into a probability. */
  a: number;
  b: number;
  logistic?: LogisticWeights;
  cv: { rows: number; nll: number; candidates: Array<{ name: string; nll: number }> };
}

const K = 3;

/**
 * The probability that a message vector is off-topic (0 when there are no off-topic examples); `inScopeSims`: its
 * similarities to the in-scope rows when the caller already has them (`rowSimilarities`).
 */
export function offTopicProbability(
  m: OffTopicModel,
  inScope: Rows,
  offTopic: Rows,
  v: Float32Array,
  inScopeSims?: Float64Array,
): number {
  if (m.kind === 'none') return 0;
  const s =
    m.kind === 'logistic' ? logitOf(m.logistic!, v) : topMean(offTopic, v, -1) - topMean(inScope, v, -1, inScopeSims);
  return sigmoid(m.a * s + m.b);
}

/**
 * Train the candidates (the kNN margin, and a logistic regression unless `withLogistic` is false), calibrate each on
 * held-out scores and keep the one with the lower balanced log-loss.
 */
export function trainOffTopic(inScope: Rows, offTopic: Rows, maxRows = 1500, withLogistic = true): OffTopicModel {
  if (!offTopic.n || !inScope.n) return { kind: 'none', a: 0, b: 0, cv: { rows: 0, nll: 0, candidates: [] } };
  const neg = sample(inScope, maxRows);
  const rows = neg.n + offTopic.n;
  const label = [...new Array<number>(neg.n).fill(0), ...new Array<number>(offTopic.n).fill(1)];
  const weight = label.map((l) => (l ? 0.5 / offTopic.n : 0.5 / neg.n));
  // kNN margin, leave-one-out: the example itself is never its own neighbour.
  const margin = label.map((l, i) => {
    const v = l ? row(offTopic, i - neg.n) : row(neg, i);
    return topMean(offTopic, v, l ? i - neg.n : -1) - topMean(neg, v, l ? -1 : i);
  });
  const knn = calibrated(margin, label, weight);
  if (!withLogistic)
    return {
      kind: 'knn-margin',
      ...knn.platt,
      cv: { rows, nll: r4(knn.nll), candidates: [{ name: 'knn-margin', nll: r4(knn.nll) }] },
    };
  // Logistic regression, 5-fold held-out scores.
  const all: Rows = { n: rows, dim: inScope.dim, data: concat(neg.data, offTopic.data) };
  const fold = stratifiedFolds(label, 5);
  const held = new Array<number>(rows).fill(0);
  for (let f = 0; f < 5; f++) {
    const train = label.map((_, i) => i).filter((i) => fold[i] !== f);
    const m = trainLogistic(
      pick(all, train),
      train.map((i) => label[i]),
      train.map((i) => weight[i]),
      2,
      { l2: 1e-3 },
    );
    for (let i = 0; i < rows; i++) if (fold[i] === f) held[i] = logitOf(m, row(all, i));
  }
  const lr = calibrated(held, label, weight);
  const candidates = [
    { name: 'knn-margin', nll: r4(knn.nll) },
    { name: 'logistic', nll: r4(lr.nll) },
  ];
  const cv = { rows, nll: r4(Math.min(knn.nll, lr.nll)), candidates };
  if (knn.nll <= lr.nll) return { kind: 'knn-margin', ...knn.platt, cv };
  const logistic = trainLogistic(all, label, weight, 2, { l2: 1e-3 });
  return { kind: 'logistic', ...lr.platt, logistic, cv };
}

function calibrated(
  scores: number[],
  label: number[],
  weight: number[],
): { platt: { a: number; b: number }; nll: number } {
  const platt = fitPlatt(scores, label, weight);
  let nll = 0;
  scores.forEach((s, i) => {
    const p = sigmoid(platt.a * s + platt.b);
    nll -= weight[i] * Math.log(Math.max(label[i] ? p : 1 - p, 1e-12));
  });
  return { platt, nll };
}

/** Mean of the top-K cosine similarities of `v` among the rows of `x` (or given as `sims`), skipping row `skip`. */
function topMean(x: Rows, v: Float32Array, skip: number, sims?: Float64Array): number {
  const best: number[] = [];
  for (let r = 0; r < x.n; r++) {
    if (r === skip) continue;
    let s = 0;
    const off = r * x.dim;
    if (sims) s = sims[r];
    else for (let i = 0; i < x.dim; i++) s += x.data[off + i] * v[i];
    if (best.length < K) (best.push(s), best.sort((a, b) => b - a));
    else if (s > best[K - 1]) ((best[K - 1] = s), best.sort((a, b) => b - a));
  }
  return best.length ? best.reduce((a, b) => a + b, 0) / best.length : 0;
}

const logitOf = (m: LogisticWeights, v: Float32Array) => {
  const z = logisticLogits(m, v);
  return z[1] - z[0];
};
const row = (x: Rows, i: number) => x.data.subarray(i * x.dim, (i + 1) * x.dim);
const pick = (x: Rows, rows: number[]): Rows => {
  const data = new Float32Array(rows.length * x.dim);
  rows.forEach((r, i) => data.set(row(x, r), i * x.dim));
  return { n: rows.length, dim: x.dim, data };
};
const sample = (x: Rows, max: number): Rows =>
  x.n <= max
    ? x
    : pick(
        x,
        shuffle(
          Array.from({ length: x.n }, (_, i) => i),
          7,
        ).slice(0, max),
      );
const concat = (a: Float32Array, b: Float32Array) => {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};
const r4 = (x: number) => Math.round(x * 10000) / 10000;
