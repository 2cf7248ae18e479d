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

/**
 * Fit p = σ(w·x + b) by Newton's method on the summed log-loss plus a Gaussian prior of strength `prior` (in rows'
 * worth of curvature) towards `start` (weights, then bias): with few rows the fit stays near a model it refines
 * (the identity, for a calibration), not near the constant that an L2 penalty towards zero would pull it to.
 */
export function fitLogisticNewton(x: number[][], y: number[], o: { start: number[]; prior: number }): LogisticModel {
  const d = o.start.length;
  const rows = x.map((r) => [...r, 1]);
  const loss = (t: number[]) => {
    let l = 0;
    for (let j = 0; j < d; j++) l += (o.prior / 2) * (t[j] - o.start[j]) ** 2;
    rows.forEach((r, i) => {
      const q = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(r.reduce((s, v, j) => s + v * t[j], 0))));
      l -= y[i] ? Math.log(q) : Math.log(1 - q);
    });
    return l;
  };
  let theta = [...o.start];
  let current = loss(theta);
  for (let step = 0; step < 100; step++) {
    const g = theta.map((t, j) => o.prior * (t - o.start[j]));
    const h = theta.map((_, j) => theta.map((__, k) => (j === k ? o.prior : 0)));
    for (const [i, r] of rows.entries()) {
      const q = sigmoid(r.reduce((s, v, j) => s + v * theta[j], 0));
      for (let j = 0; j < d; j++) {
        g[j] += (q - y[i]) * r[j];
        for (let k = 0; k < d; k++) h[j][k] += q * (1 - q) * r[j] * r[k];
      }
    }
    const delta = solve(h, g);
    // A full Newton step can overshoot into the flat tails of the sigmoid: halve it until the loss falls.
    let t = 1;
    while (t > 1e-6 && loss(theta.map((v, j) => v - t * delta[j])) > current) t /= 2;
    if (t <= 1e-6) break;
    theta = theta.map((v, j) => v - t * delta[j]);
    current = loss(theta);
    if (t * delta.reduce((s, v) => s + Math.abs(v), 0) < 1e-9) break;
  }
  const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
  return { weights: theta.slice(0, -1).map(r4), bias: r4(theta[d - 1]) };
}

/** Solve A·x = b by Gaussian elimination with partial pivoting (A small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * out[k];
    out[r] = s / m[r][r];
  }
  return out;
}
