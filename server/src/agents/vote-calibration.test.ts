import { describe, expect, it } from 'vitest';
import { calibrationTable, eceNoiseFloor, fitVoteCalibration, recalibrate, type Vote } from './vote-calibration.js';

/** Votes whose confidence p is right with probability truth(p): deterministic, every tenth vote of a bin helpful in turn. */
function votes(n: number, truth: (p: number) => number): Vote[] {
  const out: Vote[] = [];
  for (let i = 0; i < n; i++) {
    const confidence = 0.3 + (0.65 * ((i * 7) % n)) / n;
    // A low-discrepancy stream, so a share truth(p) of the votes at p are helpful without randomness.
    const helpful = (i * 0.618034) % 1 < truth(confidence);
    out.push({ confidence, helpful });
  }
  return out;
}

describe('calibration from votes', () => {
  it('does nothing below the minimum number of votes, or when switched off', () => {
    const some = votes(29, (p) => p / 2);
    expect(fitVoteCalibration(some, { minVotes: 30 })).toBeUndefined();
    expect(
      fitVoteCalibration(
        votes(100, (p) => p / 2),
        { minVotes: 0 },
      ),
    ).toBeUndefined();
    expect(recalibrate(undefined, 0.83)).toBe(0.83);
  });

  it('lowers an overconfident model and lowers the calibration error on the votes it saw', () => {
    const seen = votes(400, (p) => p / 2);
    const fitted = fitVoteCalibration(seen, { minVotes: 30 })!;
    expect(fitted.votes).toBe(400);
    expect(recalibrate(fitted, 0.9)).toBeLessThan(0.65);
    expect(recalibrate(fitted, 0.9)).toBeGreaterThan(0.3);
    expect(fitted.eceAfter).toBeLessThan(fitted.eceBefore / 3);
    // Monotone: a more confident answer stays more confident.
    expect(recalibrate(fitted, 0.8)).toBeLessThan(recalibrate(fitted, 0.9));
  });

  it('stays near the identity when the votes agree with the shipped confidence', () => {
    const fitted = fitVoteCalibration(
      votes(400, (p) => p),
      { minVotes: 30 },
    )!;
    for (const p of [0.4, 0.6, 0.85]) expect(Math.abs(recalibrate(fitted, p) - p)).toBeLessThan(0.05);
  });

  it('moves a little on few votes and further on many (the prior towards the shipped model)', () => {
    const few = fitVoteCalibration(
      Array.from({ length: 30 }, () => ({ confidence: 0.9, helpful: false })),
      { minVotes: 30 },
    )!;
    const many = fitVoteCalibration(
      Array.from({ length: 600 }, () => ({ confidence: 0.9, helpful: false })),
      { minVotes: 30 },
    )!;
    expect(recalibrate(few, 0.9)).toBeLessThan(0.9);
    expect(recalibrate(few, 0.9)).toBeGreaterThan(recalibrate(many, 0.9));
    expect(Number.isFinite(many.a) && Number.isFinite(many.b)).toBe(true);
  });

  it('computes the expected calibration error over ten bins', () => {
    const t = calibrationTable([
      { p: 0.95, y: true },
      { p: 0.95, y: false },
      { p: 0.15, y: false },
      { p: 1, y: true },
    ]);
    expect(t.bins.map((b) => b.n)).toEqual([1, 3]);
    // Bin 0.9–1.0: mean 0.9667, accuracy 2/3 → 0.3 × 3/4; bin 0.1–0.2: 0.15 × 1/4.
    expect(t.ece).toBeCloseTo(0.75 * (0.9667 - 0.6667) + 0.25 * 0.15, 3);
  });

  it('gives the ECE that chance alone shows for calibrated confidences, reproducibly', () => {
    expect(eceNoiseFloor([0, 1, 0, 1])).toBe(0);
    const spread = Array.from({ length: 100 }, (_, i) => 0.05 + (0.9 * i) / 100);
    const floor = eceNoiseFloor(spread);
    expect(floor).toBeGreaterThan(0.03);
    expect(floor).toBeLessThan(0.2);
    expect(eceNoiseFloor(spread)).toBe(floor);
  });
});
