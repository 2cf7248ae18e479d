import type { Server as HttpServer } from 'node:http';
import type { Hono } from 'hono';
import type { Server as IoServer } from 'socket.io';
import type { AgentLayer } from '../agents/types.js';
import type { Metrics } from '../analytics/metrics.js';
import type { Attachments } from '../attachments/index.js';
import type { Config, ConfigInput } from '../config.js';
import type { JobWorker } from '../conversations/jobs.js';
import type { ConversationService } from '../conversations/service.js';
import type { HandoffService } from '../handoff/index.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { Bus } from '../scale/bus.js';
import type { RedisClient } from '../scale/redis.js';
import type { RouterLearning } from '../scale/router-sync.js';
import type { VoteLearning } from '../scale/vote-sync.js';
import type { Security } from '../security-wiring.js';
import type { StaffTokens } from '../security/staff-tokens.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import type { Database } from '../storage/db.js';
import type { StaffStore } from '../storage/staff.js';
import type { Logger } from '../util/logger.js';

/** Options of {@link createServer}: any configuration setting plus injectable parts for tests and embedding. */
export interface ServerOptions extends ConfigInput {
  logger?: Logger;
  /** Replace the agent layer (tests, custom AI). */
  agents?: AgentLayer;
  /** Keep the database in memory instead of under dataDir (tests). */
  inMemory?: boolean;
}

/** A running (or ready to run) Switchboard server. */
export interface SwitchboardServer {
  app: Hono;
  io: IoServer;
  httpServer: HttpServer;
  config: Config;
  logger: Logger;
  db: Database;
  service: ConversationService;
  visitors: VisitorTokens;
  staffTokens: StaffTokens;
  staff: StaffStore;
  /** Origins, rate limits, identity, audit log, API tokens, GDPR. */
  security: Security;
  /** The human side: inbox, take/leave/close, notes, canned replies, corrections, CSAT. */
  handoff: HandoffService;
  /** The knowledge base (absent when an agent layer was injected). */
  knowledge?: KnowledgeBase;
  /** File and image attachments (database or S3). */
  attachments: Attachments;
  /** Prometheus metrics; other layers observe into its histograms. */
  metrics: Metrics;
  /** Cluster-wide notifications (Redis pub/sub when `redisUrl` is set). */
  bus: Bus;
  /** The router's learning loop (absent with injected agents). */
  learning?: RouterLearning;
  /** The answer confidence's calibration from the site's votes. */
  votes: VoteLearning;
  /** The Redis connection when `redisUrl` is set. */
  redis?: RedisClient;
  /** Durable reply and webhook jobs of this node. */
  jobs: JobWorker;
  /** Start listening; resolves with the bound port and base URL. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stop accepting, close sockets, flush storage. Idempotent. */
  close(): Promise<void>;
}
