import type { AiStack } from '../ai.js';
import { withSiteCalibration } from '../agents/calibrated.js';
import type { AgentLayer } from '../agents/types.js';
import { CorrectionStore } from '../handoff/corrections.js';
import { LiveAgentSettings } from '../router/live-settings.js';
import type { Bus } from '../scale/bus.js';
import { learnFromCorrections, type RouterLearning } from '../scale/router-sync.js';
import { learnFromVotes, type VoteLearning } from '../scale/vote-sync.js';
import type { AuditLog } from '../security/audit.js';
import { AgentOverrideStore } from '../storage/agent-overrides.js';
import type { Database } from '../storage/db.js';
import { VoteStore } from '../storage/votes.js';
import type { Logger } from '../util/logger.js';

/** The router's learning loop (corrections) and the admins' live agent edits over the agents file; none without an AI stack. */
export async function routerLearning(
  ai: AiStack | undefined,
  deps: { db: Database; bus: Bus; logger: Logger; audit: AuditLog },
): Promise<{ settings?: LiveAgentSettings; learning?: RouterLearning }> {
  if (!ai) return {};
  const { db, bus, logger, audit } = deps;
  const settings = new LiveAgentSettings(ai.routerConfig, new AgentOverrideStore(db), (agent, err) =>
    logger.warn({ agent, err: err.message }, 'a stored agent edit no longer fits the agents file; left out'),
  );
  const learning = await learnFromCorrections({
    router: ai.router,
    corrections: new CorrectionStore(db),
    bus,
    logger,
    audit,
    settings,
  });
  return { settings, learning };
}

/** The answer confidence recalibrated on the site's votes (`calibrationMinVotes`), around the agent layer. */
export async function voteLearning(
  agents: AgentLayer,
  deps: { db: Database; bus: Bus; logger: Logger; minVotes: number },
): Promise<{ agents: AgentLayer; votes: VoteLearning }> {
  const votes = await learnFromVotes({ store: new VoteStore(deps.db), ...deps });
  return { agents: withSiteCalibration(agents, votes.current), votes };
}
