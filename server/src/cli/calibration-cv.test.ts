import { describe, expect, it } from 'vitest';
import type { AnswerTraits } from '../agents/types.js';
import {
  bootstrapEce,
  calibrationExamples,
  fitCalibration,
  outOfFold,
  predictCalibrated,
  scoreCalibration,
  type CalibrationExample,
} from './calibration-cv.js';

const traits = (model: number, followUp = false): AnswerTraits => ({
  model,
  margin: 0,
  share: 0,
  unit: 'sentence',
  parts: 1,
  fallback: false,
  followUp,
  contextRetry: false,
  bridged: false,
});

/** Answers right with probability `model`, except follow-ups, which are right half as often. */
function synthetic(n: number): CalibrationExample[] {
  const out: CalibrationExample[] = [];
  for (let i = 0; i < n; i++) {
    const model = 0.2 + (0.6 * ((i * 7919) % n)) / n;
    const followUp = i % 3 === 0;
    const truth = followUp ? model / 2 : model;
    out.push({
      set: i % 2 ? 'a' : 'b',
      group: `c${i}`,
      traits: traits(model, followUp),
      y: (i * 104729) % 100 < truth * 100 ? 1 : 0,
    });
  }
  return out;
}

describe('answer calibration cross-validation', () => {
  it('reads the answers the eval scores from a turns file', () => {
    const line = (o: object, pass = true) =>
      JSON.stringify({ id: 'x', conversation: 'c', text: 't', pass, outcome: o });
    const jsonl = [
      line({ sourced: true, handedOff: false, confidence: 0.8, traits: traits(0.8) }),
      line({ sourced: true, handedOff: true, confidence: 0.8, traits: traits(0.8) }),
      line({ sourced: false, handedOff: false }),
      line({ sourced: true, handedOff: false, confidence: 0.4, traits: traits(0.4) }, false),
    ].join('\n');
    expect(calibrationExamples('s', jsonl).map((e) => [e.group, e.y])).toEqual([
      ['s#c', 1],
      ['s#c', 0],
    ]);
  });

  it('learns that a trait lowers the chance of being right, and stays at the identity under a strong prior', () => {
    const data = synthetic(600);
    const fitted = fitCalibration(data, ['model', 'follow_up'], 1);
    expect(fitted.weights[1]).toBeLessThan(-0.5);
    const held = fitCalibration(data, ['model', 'follow_up'], 1e6);
    expect(held.weights[0]).toBeCloseTo(1, 2);
    expect(held.weights[1]).toBeCloseTo(0, 2);
    expect(predictCalibrated(held, traits(0.7))).toBeCloseTo(0.7, 2);
  });

  it('predicts every answer once, out of fold, by k folds and by set', () => {
    const data = synthetic(90);
    for (const folds of [5, 'sets'] as const) {
      const preds = outOfFold(data, ['model'], folds);
      expect(preds).toHaveLength(data.length);
      expect(scoreCalibration(preds).n).toBe(data.length);
    }
  });

  it('scores confidently wrong answers and gives a reproducible bootstrap spread of the ECE', () => {
    const pairs = [
      { p: 0.9, y: 0 },
      { p: 0.9, y: 1 },
      { p: 0.2, y: 0 },
      { p: 0.6, y: 1 },
    ];
    expect(scoreCalibration(pairs).confidently_wrong).toBe(1);
    const [lo, hi] = bootstrapEce(pairs, 200);
    expect(lo).toBeLessThanOrEqual(hi);
    expect(bootstrapEce(pairs, 200)).toEqual([lo, hi]);
  });
});
