import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { logit, predict } from './logistic.js';
import type { AgentLayer, AnswerTraits } from './types.js';

/**
 * The reply-level features the calibration may use, by name. The answer model's confidence enters as its log-odds (so
 * a weight of 1 and nothing else is the identity); the rest are what changes the chance of being right for the same
 * model score: a follow-up, a context retry, a two-part reply, another agent's collections, a bridged language, a
 * table row or list, the margin to the runner-up and the reranker's article share.
 */
export const CALIBRATION_FEATURES = {
  model: (t: AnswerTraits) => logit(t.model),
  margin: (t: AnswerTraits) => t.margin,
  share: (t: AnswerTraits) => t.share,
  follow_up: (t: AnswerTraits) => (t.followUp ? 1 : 0),
  context_retry: (t: AnswerTraits) => (t.contextRetry ? 1 : 0),
  two_part: (t: AnswerTraits) => (t.parts > 1 ? 1 : 0),
  fallback: (t: AnswerTraits) => (t.fallback ? 1 : 0),
  bridged: (t: AnswerTraits) => (t.bridged ? 1 : 0),
  row: (t: AnswerTraits) => (t.unit === 'row' || t.unit === 'table' ? 1 : 0),
  list: (t: AnswerTraits) => (t.unit === 'list' ? 1 : 0),
} satisfies Record<string, (t: AnswerTraits) => number>;
export type CalibrationFeature = keyof typeof CALIBRATION_FEATURES;

/** The pipeline's answer calibration (`answer-calibration.json`), fitted by `cli/fit-answer-calibration.ts`. */
export const answerCalibrationSchema = z.object({
  version: z.string(),
  /** confidence = σ(Σ weight·feature + bias), the features named here in the order of `weights`. */
  features: z.array(z.enum(Object.keys(CALIBRATION_FEATURES) as [CalibrationFeature, ...CalibrationFeature[]])),
  weights: z.array(z.number()),
  bias: z.number(),
  /** How it was fitted and its cross-validated errors, for the record. */
  fitted: z.record(z.unknown()).optional(),
});
export type AnswerCalibration = z.infer<typeof answerCalibrationSchema>;

/** The shipped calibration. */
export const ANSWER_CALIBRATION: AnswerCalibration = answerCalibrationSchema.parse(
  JSON.parse(readFileSync(new URL('./answer-calibration.json', import.meta.url), 'utf8')),
);

/** The feature vector of an answer's traits for a calibration's features. */
export const calibrationVector = (traits: AnswerTraits, features: readonly CalibrationFeature[]) =>
  features.map((f) => CALIBRATION_FEATURES[f](traits));

/** The probability that an answer with these traits is right, to three decimals. */
export function calibrateAnswer(traits: AnswerTraits, calibration: AnswerCalibration = ANSWER_CALIBRATION): number {
  const p = predict(calibration, calibrationVector(traits, calibration.features));
  return Math.round(p * 1000) / 1000;
}

/**
 * Show a sourced answer's confidence calibrated on what the pipeline replies (not on single questions, as the answer
 * model is). It wraps the dialog, whose thresholds (`clarifyBelow`, `contextRetryBelow`, `waitingMinConfidence`)
 * stay on the answer model's confidence they were chosen on; the site's vote recalibration goes on top of it.
 */
export function withAnswerCalibration(base: AgentLayer, calibration = ANSWER_CALIBRATION): AgentLayer {
  return {
    async reply(request, stream) {
      const reply = await base.reply(request, stream);
      if (!reply.traits || !reply.sources.length || reply.confidence === undefined) return reply;
      return { ...reply, confidence: calibrateAnswer(reply.traits, calibration) };
    },
  };
}
