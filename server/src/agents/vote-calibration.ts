import { logit, sigmoid } from './logistic.js';

/** One "Was this helpful?" vote on a sourced answer: the shipped model's answer confidence and the customer's verdict. */
export interface Vote {
  confidence: number;
  helpful: boolean;
}

/** A site's recalibration of the shipped answer confidence: p′ = σ(a·logit p + b), fitted on the site's own votes. */
export interface VoteCalibration {
  a: number;
  b: number;
  /** Votes it was fitted on. */
  votes: number;
  /** Expected calibration error on those votes, of the shipped confidence and of the recalibrated one. */
  eceBefore: number;
  eceAfter: number;
}

/** How strongly the fit is pulled towards the identity (a = 1, b = 0), in votes' worth of log-loss curvature. */
export const IDENTITY_PRIOR = 16;

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/** Calibration table of (confidence, right) pairs: ten equal-width bins and the bin-weighted |accuracy − confidence|. */
export function calibrationTable(
  pairs: Array<{ p: number; y: boolean }>,
  bins = 10,
): { bins: Array<{ from: number; to: number; n: number; mean_confidence: number; accuracy: number }>; ece: number } {
  const out = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const [from, to] = [b / bins, (b + 1) / bins];
    const inBin = pairs.filter((x) => x.p >= from && (x.p < to || (b === bins - 1 && x.p <= 1)));
    if (!inBin.length) continue;
    const mean = inBin.reduce((s, x) => s + x.p, 0) / inBin.length;
    const acc = inBin.filter((x) => x.y).length / inBin.length;
    ece += (inBin.length / pairs.length) * Math.abs(acc - mean);
    out.push({
      from: round(from, 2),
      to: round(to, 2),
      n: inBin.length,
      mean_confidence: round(mean),
      accuracy: round(acc),
    });
  }
  return { bins: out, ece: round(ece) };
}

/**
 * The ECE that a perfectly calibrated confidence would show on these answers by chance: the mean over `draws` of the
 * ECE of outcomes drawn with the confidences' own probabilities (fixed seed, so a report is reproducible). With ~100
 * answers spread over ten bins it is often 0.07–0.10, which is what a measured ECE should be compared with.
 */
export function eceNoiseFloor(confidences: number[], draws = 200, seed = 1): number {
  if (!confidences.length) return 0;
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  let total = 0;
  for (let d = 0; d < draws; d++) total += calibrationTable(confidences.map((p) => ({ p, y: next() < p }))).ece;
  return round(total / draws);
}

/** The recalibrated confidence; the shipped one when there is no calibration yet. */
export function recalibrate(calibration: VoteCalibration | undefined, p: number): number {
  if (!calibration) return p;
  return round(sigmoid(calibration.a * logit(p) + calibration.b));
}

/**
 * Platt scaling on the logit of the shipped confidence, by Newton's method on the log-loss plus a Gaussian prior
 * towards the identity: a few votes move the confidence a little, hundreds move it as far as they say. A site's votes
 * are few and biased (unhappy customers vote more often), so the shipped model stays the starting point. Undefined
 * below `minVotes` votes (0: never).
 */
export function fitVoteCalibration(
  votes: Vote[],
  o: { minVotes: number; prior?: number },
): VoteCalibration | undefined {
  if (o.minVotes <= 0 || votes.length < o.minVotes) return undefined;
  const prior = o.prior ?? IDENTITY_PRIOR;
  const z = votes.map((v) => logit(v.confidence));
  const y = votes.map((v) => (v.helpful ? 1 : 0));
  const loss = (a: number, b: number) => {
    let l = (prior / 2) * ((a - 1) ** 2 + b ** 2);
    for (let i = 0; i < z.length; i++) {
      const q = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(a * z[i] + b)));
      l -= y[i] ? Math.log(q) : Math.log(1 - q);
    }
    return l;
  };
  let [a, b] = [1, 0];
  let current = loss(a, b);
  // Strictly convex (the prior adds λ to the Hessian's diagonal); a full Newton step can overshoot into the flat tails
  // of the sigmoid, so each step is halved until the loss falls.
  for (let step = 0; step < 100; step++) {
    let [ga, gb, haa, hab, hbb] = [prior * (a - 1), prior * b, prior, 0, prior];
    for (let i = 0; i < z.length; i++) {
      const q = sigmoid(a * z[i] + b);
      const w = q * (1 - q);
      ga += (q - y[i]) * z[i];
      gb += q - y[i];
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let t = 1;
    while (t > 1e-6 && loss(a - t * da, b - t * db) > current) t /= 2;
    if (t <= 1e-6) break;
    [a, b] = [a - t * da, b - t * db];
    current = loss(a, b);
    if (t * (Math.abs(da) + Math.abs(db)) < 1e-9) break;
  }
  const fitted = { a: round(a), b: round(b), votes: votes.length, eceBefore: 0, eceAfter: 0 };
  fitted.eceBefore = calibrationTable(votes.map((v) => ({ p: v.confidence, y: v.helpful }))).ece;
  fitted.eceAfter = calibrationTable(votes.map((v) => ({ p: recalibrate(fitted, v.confidence), y: v.helpful }))).ece;
  return fitted;
}
