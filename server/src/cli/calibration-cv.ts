import { calibrationVector, type AnswerCalibration, type CalibrationFeature } from '../agents/answer-calibration.js';
import { fitLogisticNewton, foldOf, predict } from '../agents/logistic.js';
import type { AnswerTraits } from '../agents/types.js';
import { calibrationTable } from '../agents/vote-calibration.js';
import { CONFIDENTLY_WRONG } from './conversation-score.js';

/** One sourced answer of an eval run: its set, its conversation (folds never split one), its traits and whether it was right. */
export interface CalibrationExample {
  set: string;
  group: string;
  traits: AnswerTraits;
  y: number;
}

/** The answers of one eval run's turns file (`eval conversations --turns`) that its calibration table scores. */
export function calibrationExamples(set: string, jsonl: string): CalibrationExample[] {
  const out: CalibrationExample[] = [];
  for (const line of jsonl.split('\n')) {
    if (!line.trim()) continue;
    const t = JSON.parse(line) as {
      id?: string;
      conversation?: string | null;
      text: string;
      pass: boolean;
      outcome: { sourced: boolean; handedOff: boolean; confidence?: number; traits?: AnswerTraits };
    };
    // Exactly the answers the eval's calibration table counts: sourced, not handed over, with a confidence.
    const o = t.outcome;
    if (!o.sourced || o.handedOff || o.confidence === undefined || !o.traits) continue;
    out.push({ set, group: `${set}#${t.conversation ?? t.id ?? t.text}`, traits: o.traits, y: t.pass ? 1 : 0 });
  }
  return out;
}

/** How well some confidences match the outcomes: ECE (ten bins, as the eval reports it), confidently wrong, log-loss. */
export interface CalibrationScore {
  n: number;
  ece: number;
  confidently_wrong: number;
  log_loss: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * Fit σ(w·features + b) on some answers, pulled towards the identity (the answer model's confidence as it is) by a
 * prior worth `prior` answers: a flag seen on a handful of answers (two-part replies) moves it only a little.
 */
export function fitCalibration(
  examples: CalibrationExample[],
  features: readonly CalibrationFeature[],
  prior = 4,
): Pick<AnswerCalibration, 'features' | 'weights' | 'bias'> {
  const model = fitLogisticNewton(
    examples.map((e) => calibrationVector(e.traits, features)),
    examples.map((e) => e.y),
    { start: [...features.map((f) => (f === 'model' ? 1 : 0)), 0], prior },
  );
  return { features: [...features], weights: model.weights, bias: model.bias };
}

/** The calibrated probability of one answer. */
export const predictCalibrated = (c: Pick<AnswerCalibration, 'features' | 'weights' | 'bias'>, t: AnswerTraits) =>
  Math.round(predict(c, calibrationVector(t, c.features)) * 1000) / 1000;

/** Score (probability, outcome) pairs. */
export function scoreCalibration(pairs: Array<{ p: number; y: number }>): CalibrationScore {
  const eps = 1e-6;
  return {
    n: pairs.length,
    ece: calibrationTable(pairs.map((x) => ({ p: x.p, y: x.y === 1 }))).ece,
    confidently_wrong: pairs.filter((x) => x.p >= CONFIDENTLY_WRONG && !x.y).length,
    log_loss: round(
      -pairs.reduce((s, x) => s + Math.log(Math.min(1 - eps, Math.max(eps, x.y ? x.p : 1 - x.p))), 0) /
        Math.max(1, pairs.length),
    ),
  };
}

/** Out-of-fold predictions of a feature set: k folds by conversation, or one fold per set (`folds` = 'sets'). */
export function outOfFold(
  examples: CalibrationExample[],
  features: readonly CalibrationFeature[],
  folds: number | 'sets',
  prior?: number,
): Array<{ p: number; y: number; set: string }> {
  const fold = (e: CalibrationExample) => (folds === 'sets' ? e.set : String(foldOf(e.group, folds)));
  const out: Array<{ p: number; y: number; set: string }> = [];
  for (const k of new Set(examples.map(fold))) {
    const model = fitCalibration(
      examples.filter((e) => fold(e) !== k),
      features,
      prior,
    );
    for (const e of examples.filter((x) => fold(x) === k))
      out.push({ p: predictCalibrated(model, e.traits), y: e.y, set: e.set });
  }
  return out;
}

/** Score predictions overall and per set. */
export function scoreBySet(preds: Array<{ p: number; y: number; set: string }>): Record<string, CalibrationScore> {
  const sets = [...new Set(preds.map((p) => p.set))].sort();
  return Object.fromEntries([
    ['all', scoreCalibration(preds)],
    ...sets.map((s) => [s, scoreCalibration(preds.filter((p) => p.set === s))]),
  ]);
}

/** The 5th and 95th percentile of the ECE over bootstrap resamples (deterministic: a fixed linear congruential seed). */
export function bootstrapEce(pairs: Array<{ p: number; y: number }>, resamples = 500, seed = 1): [number, number] {
  if (!pairs.length) return [0, 0];
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const eces: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const sample = pairs.map(() => pairs[Math.floor(next() * pairs.length)]);
    eces.push(scoreCalibration(sample).ece);
  }
  eces.sort((a, b) => a - b);
  return [eces[Math.floor(0.05 * (resamples - 1))], eces[Math.floor(0.95 * (resamples - 1))]];
}
