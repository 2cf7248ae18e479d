import { describe, expect, it } from 'vitest';
import type { JudgedTurn } from './conversation-score.js';
import { simulateVotes } from './vote-simulation.js';

/** An overconfident pipeline: every answer says 0.9, one in three is right. */
const turns: JudgedTurn[] = Array.from({ length: 300 }, (_, i) => ({
  row: {
    id: `r${i}`,
    conversation: null,
    turn: 0,
    text: `question ${i}`,
    expect: 'answer',
    articles: [],
    must: [],
    must_not: [],
    tags: [],
  },
  outcome: { reply: 'x', confidence: 0.9, sourced: true, handedOff: false, ms: 1 },
  pass: i % 3 === 0,
}));

describe('eval conversations --votes-from-labels', () => {
  it('fits on one share of the answers and reports the calibration error on the others only', () => {
    const r = simulateVotes(turns, 0.5, 30);
    expect(r.votes + r.held_out).toBe(300);
    expect(r.votes).toBeGreaterThan(100);
    expect(r.held_out).toBeGreaterThan(100);
    expect(r.fitted).not.toBeNull();
    expect(r.ece_before).toBeGreaterThan(0.5);
    expect(r.ece_after).toBeLessThan(r.ece_before / 2);
    expect(r.confidently_wrong_after).toBeLessThan(r.confidently_wrong_before);
    expect(r.mean_of_splits.fitted).toBe(20);
    expect(r.mean_of_splits.brier_after).toBeLessThan(r.mean_of_splits.brier_before);
  });

  it('leaves the confidence alone below the minimum of votes', () => {
    const r = simulateVotes(turns.slice(0, 40), 0.5, 30);
    expect(r.fitted).toBeNull();
    expect(r.ece_after).toBe(r.ece_before);
  });
});
