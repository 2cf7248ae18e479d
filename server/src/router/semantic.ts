import { dot } from '../knowledge/embedders/normalize.js';

/** How example embeddings become per-agent scores; measured against each other in docs/performance.md#routing. */
export type SemanticMethod = 'knn' | 'centroid' | 'logistic';

/**
 * Scores every group (agent, or the out-of-scope pseudo-agent) for a message vector. Scores are logits: the router
 * adds keyword evidence to them and a softmax turns them into a confidence.
 */
export interface SemanticModel {
  readonly method: SemanticMethod;
  /** Raw similarity-like score of every group (cosine for knn/centroid, a probability for logistic). */
  similarities(v: Float32Array): Map<string, number>;
  /** Logits of every group, on the scale the softmax expects. */
  logits(v: Float32Array): Map<string, number>;
}

export interface SemanticOptions {
  method: SemanticMethod;
  /** Neighbours averaged per group (knn). */
  k: number;
  /** Softmax temperature for the similarity-based methods: 0.03 means 0.03 cosine ≈ a factor e. */
  temperature: number;
  /** L2 penalty of the logistic model. */
  l2: number;
}

export const DEFAULT_SEMANTIC: SemanticOptions = { method: 'knn', k: 3, temperature: 0.03, l2: 0.0001 };

/** Train (or index) the chosen model from the example vectors of each group. */
export function createSemanticModel(
  groups: Map<string, Float32Array[]>,
  o: SemanticOptions = DEFAULT_SEMANTIC,
): SemanticModel {
  if (o.method === 'logistic') return new LogisticModel(groups, o.l2);
  const similarities = o.method === 'centroid' ? centroidScorer(groups) : knnScorer(groups, o.k);
  return {
    method: o.method,
    similarities,
    logits: (v) => new Map([...similarities(v)].map(([g, s]) => [g, s / o.temperature])),
  };
}

/** An agent's score is the mean of its k best example similarities: robust to broad, varied example lists. */
function knnScorer(groups: Map<string, Float32Array[]>, k: number): (v: Float32Array) => Map<string, number> {
  return (v) => {
    const out = new Map<string, number>();
    for (const [g, vectors] of groups) {
      const sims = vectors
        .map((e) => dot(e, v))
        .sort((a, b) => b - a)
        .slice(0, k);
      out.set(g, sims.reduce((s, x) => s + x, 0) / Math.max(1, sims.length));
    }
    return out;
  };
}

/** One normalised mean vector per group. */
function centroidScorer(groups: Map<string, Float32Array[]>): (v: Float32Array) => Map<string, number> {
  const centroids = new Map([...groups].map(([g, vs]) => [g, unit(mean(vs))]));
  return (v) => new Map([...centroids].map(([g, c]) => [g, dot(c, v)]));
}

function mean(vs: Float32Array[]): Float32Array {
  const m = new Float32Array(vs[0]?.length ?? 0);
  for (const v of vs) for (let i = 0; i < m.length; i++) m[i] += v[i] / vs.length;
  return m;
}

function unit(v: Float32Array): Float32Array {
  const n = Math.sqrt(dot(v, v)) || 1;
  return v.map((x) => x / n);
}

/**
 * Multinomial logistic regression trained at start-up (full-batch gradient descent, L2, balanced class weights).
 * A few hundred examples × 512 dimensions train in well under a second.
 */
class LogisticModel implements SemanticModel {
  readonly method = 'logistic' as const;
  private readonly names: string[];
  private readonly w: Float32Array[];
  private readonly b: Float64Array;

  constructor(groups: Map<string, Float32Array[]>, l2: number, epochs = 300, rate = 2) {
    this.names = [...groups.keys()];
    const dim = [...groups.values()].find((vs) => vs.length)?.[0].length ?? 0;
    const xs: Float32Array[] = [];
    const ys: number[] = [];
    const weight: number[] = [];
    this.names.forEach((g, c) => {
      const vs = groups.get(g)!;
      for (const v of vs) {
        xs.push(v);
        ys.push(c);
        weight.push(1 / (vs.length * this.names.length));
      }
    });
    this.w = this.names.map(() => new Float32Array(dim));
    this.b = new Float64Array(this.names.length);
    for (let epoch = 0; epoch < epochs; epoch++) this.step(xs, ys, weight, l2, rate);
  }

  private step(xs: Float32Array[], ys: number[], weight: number[], l2: number, rate: number): void {
    const C = this.names.length;
    const gw = this.w.map((w) => new Float64Array(w.length));
    const gb = new Float64Array(C);
    xs.forEach((x, n) => {
      const p = softmax(this.raw(x));
      for (let c = 0; c < C; c++) {
        const err = (p[c] - (ys[n] === c ? 1 : 0)) * weight[n];
        gb[c] += err;
        const g = gw[c];
        for (let i = 0; i < x.length; i++) g[i] += err * x[i];
      }
    });
    for (let c = 0; c < C; c++) {
      const w = this.w[c];
      for (let i = 0; i < w.length; i++) w[i] -= rate * (gw[c][i] + l2 * w[i]);
      this.b[c] -= rate * gb[c];
    }
  }

  private raw(v: Float32Array): number[] {
    return this.names.map((_, c) => dot(this.w[c], v) + this.b[c]);
  }

  logits(v: Float32Array): Map<string, number> {
    const z = this.raw(v);
    return new Map(this.names.map((g, c) => [g, z[c]]));
  }

  similarities(v: Float32Array): Map<string, number> {
    const p = softmax(this.raw(v));
    return new Map(this.names.map((g, c) => [g, p[c]]));
  }
}

/** Numerically stable softmax. */
export function softmax(xs: number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
