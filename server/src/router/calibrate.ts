import { softmaxInPlace } from './logistic.js';

/** Held-out topic logits of one example and the agent it belongs to, for fitting a temperature. */
export interface HeldOut {
  logits: Float64Array;
  agent: number;
  weight: number;
}

/** Agent probabilities from topic logits: softmax over topics at temperature `t`, summed per agent. */
export function agentProbabilities(
  logits: ArrayLike<number>,
  topicAgent: ArrayLike<number>,
  agents: number,
  t: number,
): Float64Array {
  const z = Float64Array.from(logits, (x) => x / t);
  softmaxInPlace(z);
  const p = new Float64Array(agents);
  for (let i = 0; i < z.length; i++) p[topicAgent[i]] += z[i];
  return p;
}

/** Weighted agent accuracy and negative log-likelihood of held-out logits at temperature `t`. */
export function heldOutScore(
  rows: HeldOut[],
  topicAgent: ArrayLike<number>,
  agents: number,
  t: number,
): { accuracy: number; nll: number } {
  let right = 0;
  let nll = 0;
  let total = 0;
  for (const r of rows) {
    const p = agentProbabilities(r.logits, topicAgent, agents, t);
    let best = 0;
    for (let a = 1; a < agents; a++) if (p[a] > p[best]) best = a;
    if (best === r.agent) right += r.weight;
    nll -= r.weight * Math.log(Math.max(p[r.agent], 1e-12));
    total += r.weight;
  }
  return { accuracy: right / Math.max(total, 1e-12), nll: nll / Math.max(total, 1e-12) };
}

/**
 * Temperature scaling: the temperature that minimises the held-out negative log-likelihood of the agent, found by
 * golden-section search on log t. The softmax then says how often the chosen agent is right on unseen examples.
 */
export function fitTemperature(rows: HeldOut[], topicAgent: ArrayLike<number>, agents: number): number {
  if (!rows.length) return 1;
  const f = (logT: number) => heldOutScore(rows, topicAgent, agents, Math.exp(logT)).nll;
  let [lo, hi] = [Math.log(0.05), Math.log(20)];
  const g = (Math.sqrt(5) - 1) / 2;
  let a = hi - g * (hi - lo);
  let b = lo + g * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  // 24 steps narrow log t's range of 6 to 6 · 0.618²⁴ ≈ 0.0006: far below what calibration error can tell apart.
  for (let i = 0; i < 24; i++) {
    if (fa < fb) {
      hi = b;
      [b, fb] = [a, fa];
      a = hi - g * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      [a, fa] = [b, fb];
      b = lo + g * (hi - lo);
      fb = f(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Platt scaling: `p = sigmoid(a·score + b)` fitted on held-out scores with weighted logistic loss (Newton steps). */
export function fitPlatt(scores: number[], labels: number[], weights: number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let [ga, gb, haa, hab, hbb] = [0, 0, 1e-9, 0, 1e-9];
    for (let i = 0; i < scores.length; i++) {
      const p = sigmoid(a * scores[i] + b);
      const w = weights[i];
      const e = (p - labels[i]) * w;
      ga += e * scores[i];
      gb += e;
      const h = p * (1 - p) * w;
      haa += h * scores[i] * scores[i];
      hab += h * scores[i];
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-7) break;
  }
  return { a, b };
}

/** The logistic function. */
export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
