import type { JobWorker } from '../conversations/jobs.js';
import type { ConversationService } from '../conversations/service.js';
import type { Database } from '../storage/db.js';
import type { Logger } from '../util/logger.js';
import { AuditLog } from '../security/audit.js';
import { Assigner } from './assignment/assigner.js';
import { capacityLookup } from './assignment/capacity.js';
import { resolveAssignment } from './assignment/config.js';
import type { StaffChannel } from './channel.js';
import { businessHours } from './hours.js';
import { announceEscalation, reactToConversations } from './reactions.js';
import { HandoffService, type HandoffDeps } from './service.js';
import { WebhookSender, type WebhookOptions } from './webhooks.js';

export { HandoffService } from './service.js';

/** The wired human side: the service, and a close() that stops listening and cancels webhook retries. */
export interface Handoff {
  service: HandoffService;
  webhooks?: WebhookSender;
  /** Auto-assignment, when `assignment` is configured. */
  assigner?: Assigner;
  close(): Promise<void>;
}

/** The settings the handoff layer reads (a slice of the server's configuration, which the wiring passes whole). */
export interface HandoffSettings {
  webhookUrl?: string;
  webhookSecret?: string;
  webhookFormat: NonNullable<WebhookOptions['format']>;
  webhookRetries: number;
  publicUrl?: string;
  assignment?: Parameters<typeof resolveAssignment>[0];
  businessHours?: string;
  timeZone: string;
  maxLabels: number;
  labelRoutedAgent: boolean;
  maxAttributeLength: number;
  inboxRefreshMs: number;
}

/** Build the handoff layer; realtime/agents.ts serves it on `/agents`, broadcasting through `channel`. */
export function createHandoff(deps: {
  /** Where staff broadcasts go (realtime/agents.ts `staffChannel`: Socket.IO rooms). */
  channel: StaffChannel;
  config: HandoffSettings;
  service: ConversationService;
  db: Database;
  logger: Logger;
  /** Agent names for re-labelling (those of the agents file). */
  agentNames: string[];
  /** Durable jobs: webhook deliveries survive restarts and are resumed by any node. */
  jobs?: JobWorker;
  onRelabel?: HandoffDeps['onRelabel'];
}): Handoff {
  const { config, logger, jobs } = deps;
  const webhooks = config.webhookUrl
    ? new WebhookSender({
        url: config.webhookUrl,
        secret: config.webhookSecret,
        format: config.webhookFormat,
        retries: config.webhookRetries,
        publicUrl: config.publicUrl,
        logger,
        jobs,
      })
    : undefined;
  if (webhooks && jobs) jobs.handle('webhook', (job) => webhooks.resume(job));
  const { agentNames } = deps;
  const assignment = resolveAssignment(config.assignment);
  const audit = new AuditLog(deps.db, logger);
  const handoff = new HandoffService({
    service: deps.service,
    db: deps.db,
    channel: deps.channel,
    hours: businessHours(config.businessHours, config.timeZone),
    agentNames,
    webhooks,
    jobs,
    logger,
    onRelabel: deps.onRelabel,
    maxLabels: config.maxLabels,
    labelRoutedAgent: config.labelRoutedAgent,
    // With auto-assignment, a manual take or transfer respects the same capacity (admins may force it, audited).
    capacity: assignment ? capacityLookup(deps.db, assignment) : undefined,
    audit,
    maxAttributeLength: config.maxAttributeLength,
    inboxRefreshMs: config.inboxRefreshMs,
  });
  const unsubscribe = reactToConversations(handoff);
  // An escalation whose notification a crash interrupted (its job's lease ran out) is announced again by any node.
  // (The row goes with its conversation: ON DELETE CASCADE.)
  jobs?.handle('escalation', async (job) =>
    announceEscalation(handoff, await deps.service.require(job.conversationId!), job.id),
  );
  const assigner = assignment ? new Assigner(handoff, assignment, audit, logger) : undefined;
  assigner?.start();
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
