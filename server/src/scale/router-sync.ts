import type { RoutingCorrection } from 'switchboard-chat/protocol';
import type { CorrectionStore } from '../handoff/corrections.js';
import type { ModelInfo } from '../router/model.js';
import type { LabelledExample, Router } from '../router/router.js';
import type { AuditLog } from '../security/audit.js';
import type { Logger } from '../util/logger.js';
import type { Bus } from './bus.js';

const CHANNEL = 'router';

/** The router's learning loop on one node. */
export interface RouterLearning {
  /** A staff member re-labelled a decision: audit it and retrain every node. */
  relabelled(correction: RoutingCorrection, staffId: string): void;
  /** Resolves when no training is running or queued (tests, shutdown). */
  idle(): Promise<void>;
  /** The summary of the model in use. */
  info(): ModelInfo;
}

/**
 * Keep the live router trained on the staff's corrections: at start (so they survive a restart) and whenever any
 * node publishes a re-label on the bus. Every node reads the same corrections from the shared database and trains
 * deterministically, so they all end with the same model. Training runs in a worker thread; the previous model
 * keeps routing meanwhile, and re-labels that arrive during a training run are folded into one more run.
 */
export async function learnFromCorrections(deps: {
  router: Router;
  corrections: CorrectionStore;
  bus: Bus;
  logger: Logger;
  audit?: AuditLog;
}): Promise<RouterLearning> {
  const { router, corrections, bus, logger } = deps;
  let running: Promise<void> | undefined;
  let again = false;
  // Corrections the live model was trained with: none at start, so an empty table costs no training at all.
  let learnt = 0;
  const train = async () => {
    const extra: LabelledExample[] = [];
    for await (const e of corrections.examples()) extra.push(e);
    if (!extra.length && !learnt) return;
    const started = performance.now();
    const info = await router.retrain(extra);
    learnt = extra.length;
    logger.info(
      {
        corrections: extra.length,
        ms: Math.round(performance.now() - started),
        model: info.model,
        cvAccuracy: info.cvAccuracy,
      },
      'router retrained',
    );
  };
  const schedule = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await train().catch((err) =>
          logger.error({ err }, 'router retraining failed; the previous model keeps routing'),
        );
      } while (again);
      running = undefined;
    })();
    return running;
  };
  // The corrections of earlier days: in the background, so start-up is not held up by training. Every method learns
  // them (the fixed ones add them to their agents' examples).
  void schedule();
  await bus.subscribe(CHANNEL, () => void schedule());
  return {
    relabelled(correction, staffId) {
      void deps.audit?.record({
        actor: staffId,
        action: 'routing.relabelled',
        target: correction.messageId,
        data: {
          agent: correction.agent,
          originalAgent: correction.originalAgent,
          conversationId: correction.conversationId,
        },
      });
      bus
        .publish(CHANNEL, { messageId: correction.messageId })
        .catch((err) => logger.error({ err }, 'publishing a routing correction failed'));
    },
    async idle() {
      while (running) await running;
    },
    info: () => router.modelInfo(),
  };
}
