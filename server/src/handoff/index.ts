import type { Server } from 'socket.io';
import { AGENTS_NAMESPACE, type ProtocolLimits } from 'switchboard-chat/protocol';
import type { Config } from '../config.js';
import type { JobWorker } from '../conversations/jobs.js';
import type { ConversationService } from '../conversations/service.js';
import type { StaffAuthDeps } from '../http/auth.js';
import { attachAgents, staffChannel, type AgentsNamespace } from '../realtime/agents.js';
import { loadRouterConfig } from '../router/config.js';
import type { Database } from '../storage/db.js';
import type { Logger } from '../util/logger.js';
import { AuditLog } from '../security/audit.js';
import type { StaffSocketData } from '../realtime/agents.js';
import { Assigner } from './assignment/assigner.js';
import { resolveAssignment } from './assignment/config.js';
import { businessHours } from './hours.js';
import { reactToConversations } from './reactions.js';
import { HandoffService, type HandoffDeps } from './service.js';
import { WebhookSender } from './webhooks.js';

export { HandoffService } from './service.js';

/** The wired human side: the service, and a close() that stops listening and cancels webhook retries. */
export interface Handoff {
  service: HandoffService;
  webhooks?: WebhookSender;
  /** Auto-assignment, when `assignment` is configured. */
  assigner?: Assigner;
  close(): Promise<void>;
}

/** Build the handoff layer and attach the `/agents` namespace to `io`. */
export function createHandoff(deps: {
  io: Server;
  config: Config;
  service: ConversationService;
  db: Database;
  auth: StaffAuthDeps;
  limits: ProtocolLimits;
  logger: Logger;
  /** Agent names for re-labelling; defaults to those of the router configuration. */
  agentNames?: string[];
  /** Durable jobs: webhook deliveries survive restarts and are resumed by any node. */
  jobs?: JobWorker;
  onRelabel?: HandoffDeps['onRelabel'];
}): Handoff {
  const { config, logger, jobs } = deps;
  const webhooks = config.webhookUrl
    ? new WebhookSender({ url: config.webhookUrl, secret: config.webhookSecret, format: config.webhookFormat, retries: config.webhookRetries, publicUrl: config.publicUrl, logger, jobs })
    : undefined;
  if (webhooks && jobs) jobs.handle('webhook', (job) => webhooks.resume(job));
  const agentNames = deps.agentNames ?? loadRouterConfig(config.config).agents.map((a) => a.name);
  const handoff = new HandoffService({
    service: deps.service, db: deps.db, channel: staffChannel(deps.io), hours: businessHours(config.businessHours, config.timeZone), agentNames, webhooks, logger, onRelabel: deps.onRelabel,
    maxLabels: config.maxLabels, labelRoutedAgent: config.labelRoutedAgent,
  });
  const unsubscribe = reactToConversations(handoff);
  const agents = deps.io.of(AGENTS_NAMESPACE) as AgentsNamespace;
  attachAgents(agents, { auth: deps.auth, handoff, limits: deps.limits, logger, recheckMs: config.staffRecheckMs });
  const assignment = resolveAssignment(config.assignment);
  const assigner = assignment ? new Assigner(handoff, assignment, new AuditLog(deps.db, logger), logger) : undefined;
  if (assigner) {
    assigner.start();
    // Presence drives the queue: a person coming online may take queued conversations; one leaving may lose theirs.
    agents.on('connection', (socket) => {
      const { staff } = socket.data as StaffSocketData;
      if (staff.kind !== 'session') return;
      assigner.staffConnected();
      socket.on('disconnect', () => assigner.staffDisconnected(staff.id));
    });
  }
  return {
    service: handoff,
    webhooks,
    assigner,
    async close() {
      assigner?.close();
      unsubscribe();
      await webhooks?.close();
    },
  };
}
