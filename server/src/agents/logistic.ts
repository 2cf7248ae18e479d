/** A fitted logistic model: p = σ(w·x + b). */
export interface LogisticModel {
  weights: number[];
  bias: number;
}

/** The logistic function, clamped so extreme scores stay finite. */
export const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/** The model's probability for one feature vector. */
export function predict(model: LogisticModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += (model.weights[i] ?? 0) * x[i];
  return sigmoid(z);
}

/**
 * Fit by full-batch gradient descent on the mean log-loss with an L2 penalty (bias not penalised). Small data
 * (hundreds to a few thousand rows, a dozen features) converges in a few thousand steps; no library needed.
 */
export function fitLogistic(
  x: number[][],
  y: number[],
  o: { l2?: number; steps?: number; rate?: number; weight?: number[] } = {},
): LogisticModel {
  const d = x[0]?.length ?? 0;
  const l2 = o.l2 ?? 0.01;
  const rate = o.rate ?? 0.5;
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const total = (o.weight ?? y.map(() => 1)).reduce((s, v) => s + v, 0) || 1;
  for (let step = 0; step < (o.steps ?? 3000); step++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < x.length; i++) {
      const err = (predict({ weights: w, bias: b }, x[i]) - y[i]) * (o.weight?.[i] ?? 1);
      for (let j = 0; j < d; j++) gw[j] += err * x[i][j];
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (gw[j] / total + l2 * w[j]);
    b -= rate * (gb / total);
  }
  return { weights: w.map((v) => Math.round(v * 1e4) / 1e4), bias: Math.round(b * 1e4) / 1e4 };
}

/** Deterministic fold of a group key (a conversation or a query), so one group never sits in two folds. */
export function foldOf(key: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/** The log-odds of a probability, clamped away from 0 and 1. */
export const logit = (p: number) =>
  Math.log(Math.max(1e-6, Math.min(1 - 1e-6, p)) / (1 - Math.max(1e-6, Math.min(1 - 1e-6, p))));

/**
 * Fit a linear scorer s = w·x for ranking by the listwise softmax loss: in each group (one question's candidates) the
 * softmax of the scores should put its mass on the right candidates. Groups without a right candidate are skipped.
 */
export function fitSoftmaxRanking(
  groups: Array<{ x: number[][]; y: number[] }>,
  o: { l2?: number; steps?: number; rate?: number } = {},
): LogisticModel {
  const useful = groups.filter((g) => g.y.some(Boolean) && g.y.some((v) => !v));
  const d = useful[0]?.x[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const l2 = o.l2 ?? 0.001;
  const rate = o.rate ?? 0.5;
  for (let step = 0; step < (o.steps ?? 2000); step++) {
    const g = new Array<number>(d).fill(0);
    for (const { x, y } of useful) {
      const s = x.map((row) => row.reduce((t, v, j) => t + v * w[j], 0));
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const z = e.reduce((a, b) => a + b, 0);
      const zPos = e.reduce((a, b, i) => a + (y[i] ? b : 0), 0);
      for (let i = 0; i < x.length; i++) {
        const coef = e[i] / z - (y[i] ? e[i] / zPos : 0);
        for (let j = 0; j < d; j++) g[j] += coef * x[i][j];
      }
    }
    for (let j = 0; j < d; j++) w[j] -= rate * (g[j] / Math.max(1, useful.length) + l2 * w[j]);
  }
  return { weights: w.map((v) => Math.round(v * 1e4) / 1e4), bias: 0 };
}
