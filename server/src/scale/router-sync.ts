import { randomUUID } from 'node:crypto';
import type { RoutingCorrection } from 'switchboard-chat/protocol';
import type { CorrectionStore } from '../handoff/corrections.js';
import type { ModelInfo } from '../router/model.js';
import type { LiveAgentSettings, TrainingStatus } from '../router/live-settings.js';
import { activeConfig } from '../router/overrides.js';
import type { LabelledExample, Router } from '../router/router.js';
import type { AuditLog } from '../security/audit.js';
import type { Logger } from '../util/logger.js';
import type { Bus } from './bus.js';

const CHANNEL = 'router';

/** The router's learning loop on one node. */
export interface RouterLearning {
  /** A staff member re-labelled a decision: audit it and retrain every node. */
  relabelled(correction: RoutingCorrection, staffId: string): void;
  /** An admin changed an agent's settings (already stored): retrain every node with them. */
  settingsChanged(): void;
  /** Whether this node is retraining, and when its model in force was trained. */
  status(): TrainingStatus;
  /** Resolves when no training is running or queued (tests, shutdown). */
  idle(): Promise<void>;
  /** The summary of the model in use. */
  info(): ModelInfo;
}

/**
 * Keep the live router trained on the staff's corrections and on the admins' live agent settings: at start (so they survive a restart) and whenever any
 * node publishes a re-label on the bus. Every node reads the same corrections from the shared database and trains
 * deterministically, so they all end with the same model. With `settings`, each run also reads the agents file's
 * stored edits (thresholds, descriptions, enabled, examples) and the router takes the edited configuration over with
 * the model trained on it. Training runs in a worker thread; the previous model
 * keeps routing meanwhile, and re-labels that arrive during a training run are folded into one more run.
 */
export async function learnFromCorrections(deps: {
  router: Router;
  corrections: CorrectionStore;
  bus: Bus;
  logger: Logger;
  audit?: AuditLog;
  settings?: LiveAgentSettings;
}): Promise<RouterLearning> {
  const { router, corrections, bus, logger } = deps;
  let running: Promise<void> | undefined;
  let again = false;
  // Corrections and agent edits the live model was trained with: none at start, so empty tables cost no training.
  let learnt = 0;
  let edited = false;
  const status: TrainingStatus = { state: 'ready', trainedAt: new Date().toISOString() };
  const train = async () => {
    const extra: LabelledExample[] = [];
    for await (const e of corrections.examples()) extra.push(e);
    const overrides = deps.settings ? (await deps.settings.overrides()).size : 0;
    if (!extra.length && !learnt && !overrides && !edited) return false;
    const started = performance.now();
    const config = deps.settings && activeConfig(await deps.settings.effective());
    const info = await router.retrain(extra, config);
    [learnt, edited] = [extra.length, overrides > 0];
    logger.info(
      {
        corrections: extra.length,
        agentEdits: overrides,
        ms: Math.round(performance.now() - started),
        model: info.model,
        cvAccuracy: info.cvAccuracy,
      },
      'router retrained',
    );
    return true;
  };
  const schedule = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    status.state = 'training';
    running = (async () => {
      do {
        again = false;
        await train().then(
          (trained) => {
            if (!trained) return;
            status.trainedAt = new Date().toISOString();
            delete status.error;
          },
          (err: Error) => {
            status.error = err.message;
            logger.error({ err }, 'router retraining failed; the previous model keeps routing');
          },
        );
      } while (again);
      running = undefined;
      status.state = 'ready';
    })();
    return running;
  };
  // The corrections of earlier days: in the background, so start-up is not held up by training. Every method learns
  // them (the fixed ones add them to their agents' examples).
  void schedule();
  // This node's own settings announcement comes back on the bus: it has already scheduled its run.
  const self = randomUUID();
  await bus.subscribe(CHANNEL, (m) => {
    if ((m as { from?: string } | undefined)?.from !== self) void schedule();
  });
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
    settingsChanged() {
      // Scheduled here at once, so the answer to the admin's request already says "retraining".
      void schedule();
      bus
        .publish(CHANNEL, { settings: true, from: self })
        .catch((err) => logger.error({ err }, 'publishing an agent settings change failed'));
    },
    status: () => ({ ...status }),
    async idle() {
      while (running) await running;
    },
    info: () => router.modelInfo(),
  };
}
