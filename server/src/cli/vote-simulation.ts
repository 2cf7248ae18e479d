import { foldOf } from '../agents/logistic.js';
import { calibrationTable, fitVoteCalibration, recalibrate } from '../agents/vote-calibration.js';
import { CONFIDENTLY_WRONG, type JudgedTurn } from './conversation-score.js';

/** Splits averaged besides the first, so the figure does not hang on one draw of a hundred answers. */
const SPLITS = 20;

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** One split: the vote half fits the site calibration, the other half is scored before and after it. */
function oneSplit(answered: JudgedTurn[], fraction: number, minVotes: number, salt: string) {
  // Whole conversations fall on one side: a site's later votes come from other conversations than its earlier ones.
  const isVote = (t: JudgedTurn) =>
    foldOf(`${salt}${t.row.conversation ?? t.row.id ?? t.row.text}`, 10_000) < fraction * 10_000;
  const votes = answered.filter(isVote);
  const held = answered.filter((t) => !isVote(t));
  const calibration = fitVoteCalibration(
    votes.map((t) => ({ confidence: t.outcome.confidence!, helpful: t.pass })),
    { minVotes },
  );
  const shown = (t: JudgedTurn) => recalibrate(calibration, t.outcome.confidence!);
  const wrong = (p: (t: JudgedTurn) => number) => held.filter((t) => !t.pass && p(t) >= CONFIDENTLY_WRONG).length;
  // The Brier score needs no bins: on a hundred answers it is steadier than the ECE.
  const brier = (p: (t: JudgedTurn) => number) =>
    held.reduce((sum, t) => sum + (p(t) - (t.pass ? 1 : 0)) ** 2, 0) / Math.max(1, held.length);
  return {
    votes: votes.length,
    held: held.length,
    calibration,
    eceBefore: calibrationTable(held.map((t) => ({ p: t.outcome.confidence!, y: t.pass }))).ece,
    eceAfter: calibrationTable(held.map((t) => ({ p: shown(t), y: t.pass }))).ece,
    confidentlyWrongBefore: wrong((t) => t.outcome.confidence!),
    confidentlyWrongAfter: wrong(shown),
    brierBefore: brier((t) => t.outcome.confidence!),
    brierAfter: brier(shown),
  };
}

/**
 * `--votes-from-labels F`: what per-site calibration from votes would do on this set. The labels of a fraction F of
 * the sourced answers (whole conversations, by a hash) stand in for "Was this helpful?" votes (right = helpful); the
 * calibration fitted on them is scored on the other answers only. Reported for the first split and as the mean of 20.
 */
export function simulateVotes(turns: JudgedTurn[], fraction: number, minVotes: number) {
  const answered = turns.filter((t) => t.outcome.sourced && !t.outcome.handedOff && t.outcome.confidence !== undefined);
  const first = oneSplit(answered, fraction, minVotes, '');
  const splits = Array.from({ length: SPLITS }, (_, i) => oneSplit(answered, fraction, minVotes, `split${i}:`));
  const mean = (f: (s: (typeof splits)[number]) => number) => round(splits.reduce((s, x) => s + f(x), 0) / SPLITS);
  return {
    fraction,
    min_votes: minVotes,
    votes: first.votes,
    held_out: first.held,
    fitted: first.calibration ? { a: first.calibration.a, b: first.calibration.b } : null,
    ece_before: first.eceBefore,
    ece_after: first.eceAfter,
    confidently_wrong_before: first.confidentlyWrongBefore,
    confidently_wrong_after: first.confidentlyWrongAfter,
    mean_of_splits: {
      splits: SPLITS,
      fitted: splits.filter((s) => s.calibration).length,
      ece_before: mean((s) => s.eceBefore),
      ece_after: mean((s) => s.eceAfter),
      brier_before: mean((s) => s.brierBefore),
      brier_after: mean((s) => s.brierAfter),
      confidently_wrong_before: mean((s) => s.confidentlyWrongBefore),
      confidently_wrong_after: mean((s) => s.confidentlyWrongAfter),
    },
  };
}
export type VoteSimulation = ReturnType<typeof simulateVotes>;
