import { fitVoteCalibration, type VoteCalibration } from '../agents/vote-calibration.js';
import type { VoteStore } from '../storage/votes.js';
import type { Logger } from '../util/logger.js';
import type { Bus } from './bus.js';

const CHANNEL = 'answer-votes';

/** What the console's analytics show about the site's answer-confidence calibration. */
export interface VoteCalibrationStatus {
  /** Votes on sourced answers found at the last refit. */
  votes: number;
  /** The setting: votes needed before the shown confidence is recalibrated (0: never). */
  minVotes: number;
  /** The calibration in force (absent: the shipped confidence is shown as is). */
  calibration?: VoteCalibration;
  fittedAt?: string;
  error?: string;
}

/** The answer-confidence calibration from votes on one node. */
export interface VoteLearning {
  /** The calibration in force, for the agent layer. */
  current(): VoteCalibration | undefined;
  /** A customer voted: refit on every node. */
  voted(): void;
  status(): VoteCalibrationStatus;
  /** Resolves when no refit is running or queued (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Keep the shown answer confidence recalibrated on the site's own "Was this helpful?" votes: refit at start (the votes
 * are in the database, so it survives a restart) and whenever any node publishes a vote on the bus. Every node reads
 * the same newest votes and the fit is deterministic, so all show the same confidence. A refit is one query and a
 * two-parameter Newton fit; votes arriving during one are folded into one more.
 */
export async function learnFromVotes(deps: {
  store: VoteStore;
  bus: Bus;
  logger: Logger;
  minVotes: number;
}): Promise<VoteLearning> {
  const { store, bus, logger, minVotes } = deps;
  const status: VoteCalibrationStatus = { votes: 0, minVotes };
  let running: Promise<void> | undefined;
  let again = false;
  const refit = async () => {
    const votes = await store.answerVotes();
    status.votes = votes.length;
    const fitted = fitVoteCalibration(votes, { minVotes });
    if (fitted) {
      status.calibration = fitted;
      status.fittedAt = new Date().toISOString();
    } else delete status.calibration;
    delete status.error;
  };
  const schedule = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await refit().catch((err: Error) => {
          status.error = err.message;
          logger.error({ err }, 'answer calibration refit failed; the previous calibration stays');
        });
      } while (again);
      running = undefined;
    })();
    return running;
  };
  if (minVotes > 0) {
    void schedule();
    await bus.subscribe(CHANNEL, () => void schedule());
  }
  return {
    current: () => status.calibration,
    voted() {
      if (minVotes <= 0) return;
      bus.publish(CHANNEL, {}).catch((err) => logger.error({ err }, 'publishing a vote failed'));
    },
    status: () => ({ ...status }),
    async idle() {
      while (running) await running;
    },
  };
}
