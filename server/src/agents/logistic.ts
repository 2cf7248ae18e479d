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
export function fitLogistic(x: number[][], y: number[], o: { l2?: number; steps?: number; rate?: number; weight?: number[] } = {}): LogisticModel {
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
export const logit = (p: number) => Math.log(Math.max(1e-6, Math.min(1 - 1e-6, p)) / (1 - Math.max(1e-6, Math.min(1 - 1e-6, p))));
