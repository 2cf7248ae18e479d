import { readFileSync } from 'node:fs';
import { createAdaptorServer } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as IoServer } from 'socket.io';
import { AGENTS_NAMESPACE, CHAT_NAMESPACE, DEFAULT_LIMITS, type ProtocolLimits } from 'switchboard-chat/protocol';
import type { Hono } from 'hono';
import type { AgentLayer } from './agents/types.js';
import { createAiStack, type AiStack } from './ai.js';
import type { KnowledgeBase } from './knowledge/index.js';
import { resolveConfig, type Config, type ConfigInput } from './config.js';
import { conversationRoom, type Broadcaster } from './conversations/broadcast.js';
import { ConversationService } from './conversations/service.js';
import { JobWorker } from './conversations/jobs.js';
import { Metrics } from './analytics/metrics.js';
import { jobMetrics, memoryMetrics, serviceMetrics, socketMetrics } from './analytics/wire.js';
import { analyticsRoutes } from './analytics/routes.js';
import { createAttachments, type Attachments } from './attachments/index.js';
import { RedisLimitStore } from './security/rate-limit-redis.js';
import { emailRoutes } from './email/routes.js';
import { createApp } from './http/app.js';
import { adminGuard, requireStaff } from './http/auth.js';
import { consoleApi, consoleStatic } from './http/console.js';
import { createHandoff, type HandoffService } from './handoff/index.js';
import { kbRoutes } from './http/kb.js';
import { attachAgents, staffChannel, type AgentsNamespace, type StaffSocketData } from './realtime/agents.js';
import { attachChat } from './realtime/chat.js';
import type { ChatNamespace } from './realtime/types.js';
import { localBus, type Bus } from './scale/bus.js';
import { learnFromCorrections, type RouterLearning } from './scale/router-sync.js';
import { LiveAgentSettings } from './router/live-settings.js';
import { AgentOverrideStore } from './storage/agent-overrides.js';
import { CorrectionStore } from './handoff/corrections.js';
import { syncKnowledge } from './scale/kb-sync.js';
import type { RedisClient } from './scale/redis.js';
import { adminRoutes } from './http/admin.js';
import { privacyRoutes } from './http/privacy.js';
import { createSecurity, type Security } from './security-wiring.js';
import { proxyTrust } from './security/client-ip.js';
import { requestIp } from './http/guards.js';
import { createOriginPolicy } from './security/origins.js';
import { secureFolder, secureTree } from './security/data-dir.js';
import { loadSecret } from './security/secret.js';
import { disconnectPrincipal } from './security/staff-sessions.js';
import { StaffTokens } from './security/staff-tokens.js';
import { VisitorTokens } from './security/visitor-token.js';
import { StaffStore } from './storage/staff.js';
import { migrate } from './storage/migrate.js';
import { ConversationStore } from './storage/conversations.js';
import { JobStore } from './storage/jobs.js';
import { newId } from './util/ids.js';
import { openDatabase, type Database } from './storage/db.js';
import { createLogger, type Logger } from './util/logger.js';

/** This package's version (the OpenAPI description's). */
const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export type { Config, ConfigInput } from './config.js';

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
  /** The Redis connection when `redisUrl` is set. */
  redis?: RedisClient;
  /** Durable reply and webhook jobs of this node. */
  jobs: JobWorker;
  /** Start listening; resolves with the bound port and base URL. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stop accepting, close sockets, flush storage. Idempotent. */
  close(): Promise<void>;
}

/** Create the server: one Node HTTP server running Hono, with Socket.IO attached. @example const s = await createServer({ port: 0 }); await s.listen(); */
export async function createServer(options: ServerOptions = {}): Promise<SwitchboardServer> {
  const { logger: givenLogger, agents: givenAgents, inMemory, ...configInput } = options;
  const config = resolveConfig(configInput);
  const logger = givenLogger ?? createLogger({ level: config.logLevel });
  const limits: ProtocolLimits = { ...DEFAULT_LIMITS, maxTextLength: config.maxTextLength };

  let db: Database | undefined;
  const metrics = new Metrics({
    waiting: async () =>
      db
        ? Number(
            (
              await db.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM conversations WHERE state = 'waiting_human'",
              )
            )[0].n,
          )
        : 0,
  });
  // Start-up work in parallel: the database (PGlite compiles WebAssembly on this thread) and the AI stack (the
  // embedding model loads in its worker thread, the index restores from disk) do not depend on each other.
  if (!inMemory) secureFolder(config.dataDir);
  const aiStarting = givenAgents ? undefined : createAiStack(config, logger, { inMemory, metrics });
  aiStarting?.catch(() => undefined);
  try {
    db = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: inMemory ? undefined : `${config.dataDir}/db`,
      logger,
      schema: config.databaseSchema,
      sharedBuffersMb: config.embeddedDbBuffersMb,
    });
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied, kind: db.kind }, 'database migrated');
  } catch (err) {
    await aiStarting?.then(
      (ai) => ai.close(),
      () => undefined,
    );
    await db?.close().catch(() => undefined);
    throw err;
  }
  const ai: AiStack | undefined = await aiStarting?.catch(async (err) => {
    await db!.close().catch(() => undefined);
    throw err;
  });
  const agents = givenAgents ?? ai!.agents;
  if (!inMemory) secureTree(config.dataDir);
  const secret = loadSecret(config.secret, inMemory ? undefined : config.dataDir);
  const visitors = new VisitorTokens(secret, config.visitorTokenTtl);
  const staffTokens = new StaffTokens(secret);
  const staff = new StaffStore(db);

  const origins = createOriginPolicy(config.allowedOrigins);
  const io = new IoServer({
    maxHttpBufferSize: config.maxSocketBytes,
    connectionStateRecovery: { maxDisconnectionDuration: config.recoveryWindowMs, skipMiddlewares: true },
    // Polling CORS only; the /chat handshake guard refuses disallowed origins on every transport.
    cors: { origin: (origin, cb) => cb(null, origins.allows(origin)), credentials: false },
  });
  // Several nodes: Socket.IO rooms, recovery and cluster notifications go through Redis.
  let redis: RedisClient | undefined;
  let bus: Bus = localBus();
  if (config.redisUrl) {
    // Loaded only when configured: the Redis client and adapter cost ~50 MB resident on a single node that never uses them.
    const { connectRedis, redisBus, useRedisAdapter } = await import('./scale/redis.js');
    redis = await connectRedis(config.redisUrl, logger);
    useRedisAdapter(io, redis, config.redisPrefix);
    bus = await redisBus(redis, config.redisPrefix);
    logger.info('redis adapter enabled');
  }
  const chat = io.of(CHAT_NAMESPACE) as ChatNamespace;
  const broadcast: Broadcaster = {
    toConversation(conversationId, event, payload, opts) {
      const room = chat.to(conversationRoom(conversationId));
      const target = opts?.exceptSocket ? room.except(opts.exceptSocket) : room;
      (target.emit as (ev: string, data: unknown) => boolean)(event, payload);
    },
  };
  // Durable work (issue 20): a fresh owner id per process, so a restarted node never mistakes a dead one's lease for its own.
  const jobs = new JobWorker({
    store: new JobStore(db),
    lease: { owner: newId('node'), ms: config.jobLeaseMs },
    sweepMs: config.jobSweepMs,
    concurrency: config.jobConcurrency,
    retryMs: 2000,
    logger,
  });
  const service = new ConversationService({
    store: new ConversationStore(db),
    agents,
    broadcast,
    logger,
    contextMessages: config.contextMessages,
    historyLimit: config.historyLimit,
    jobs,
  });
  jobs.handle('reply', (job) => service.answerJob(job));
  serviceMetrics(metrics, service);
  jobMetrics(metrics, jobs.store);
  memoryMetrics(metrics, { db, embedder: ai?.embedder });
  socketMetrics(metrics, chat);
  const proxy = proxyTrust(config.trustProxy);
  const ipOf = (c: Parameters<typeof requestIp>[0]) => requestIp(c, proxy);
  const auth = { tokens: staffTokens, staff, db, sessionTtl: config.sessionTtl, ipOf };
  const security = createSecurity({
    config,
    logger,
    db,
    service,
    visitors,
    auth,
    redis,
    origins,
    proxy,
    onRefused: (code) => metrics.errors.inc({ code }),
  });
  security.guardChat(chat);
  const agentSettings =
    ai &&
    new LiveAgentSettings(ai.routerConfig, new AgentOverrideStore(db), (agent, err) =>
      logger.warn({ agent, err: err.message }, 'a stored agent edit no longer fits the agents file; left out'),
    );
  const learning = ai
    ? await learnFromCorrections({
        router: ai.router,
        corrections: new CorrectionStore(db),
        bus,
        logger,
        audit: security.audit,
        settings: agentSettings,
      })
    : undefined;
  const handoff = createHandoff({
    channel: staffChannel(io),
    config,
    service,
    db,
    logger,
    jobs,
    onRelabel: (c, staff) => learning?.relabelled(c, staff.id),
  });
  attachAgents(io.of(AGENTS_NAMESPACE) as AgentsNamespace, {
    auth,
    handoff: handoff.service,
    limits,
    logger,
    recheckMs: config.staffRecheckMs,
  });
  const { assigner } = handoff;
  // Presence drives auto-assignment: a person coming online may take queued conversations; one leaving may lose theirs.
  if (assigner) {
    (io.of(AGENTS_NAMESPACE) as AgentsNamespace).on('connection', (socket) => {
      const { staff } = socket.data as StaffSocketData;
      if (staff.kind !== 'session') return;
      assigner.staffConnected();
      socket.on('disconnect', () => assigner.staffDisconnected(staff.id));
    });
  }
  attachChat(chat, {
    service,
    visitors,
    limits,
    logger,
    rate: (id, rating, comment) => handoff.service.rate(id, rating, comment),
    onError: (code) => metrics.errors.inc({ code }),
    guards: security.chatGuards,
    identity: security.identity,
    attributeLimits: { maxAttributes: config.maxAttributes, maxAttributeLength: config.maxAttributeLength },
  });

  const ready = async () => {
    const checks = {
      database: await db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      ai: ai?.ready() ?? true,
    };
    return { ok: Object.values(checks).every(Boolean), checks };
  };
  const app = createApp({
    service,
    visitors,
    limits,
    logger,
    conversationFor: (visitorId) => security.identity.conversationFor(visitorId, undefined, {}),
    maxBodyBytes: config.maxBodyBytes,
    demo: config.demo,
    ready,
    auth,
    metrics,
    metricsToken: config.metricsToken,
    guard: security.guardHttp,
    onLogin: security.onLogin,
    beforeLogin: security.beforeLogin,
  });
  const admin = adminGuard({ tokens: staffTokens, staff, db }, config.adminToken);
  if (ai) app.route('/api/kb', kbRoutes(ai.knowledge, admin, await syncKnowledge(ai.knowledge, bus, logger)));
  app.route('/', consoleStatic(undefined, { sourceMaps: config.mode !== 'production' }));
  app.route('/api/console', consoleApi(handoff.service, { agent: requireStaff(auth), admin }));
  app.route(
    '/api',
    analyticsRoutes(
      db,
      admin,
      { human: config.costPerHumanConversation, ai: config.costPerAiConversation },
      () => learning?.info(),
      config.maxAttributeLength,
    ),
  );
  app.route(
    '/api/admin',
    adminRoutes({
      guard: security.adminOnly,
      audit: security.audit,
      apiTokens: security.apiTokens,
      staff,
      ipOf,
      onPrincipalChanged: (id) => disconnectPrincipal(io, id),
      agents: agentSettings &&
        learning && {
          settings: agentSettings,
          training: () => learning.status(),
          changed: () => learning.settingsChanged(),
        },
    }),
  );
  const attachments = await createAttachments({
    config,
    db,
    service,
    visitors,
    auth,
    logger,
    identity: security.identity.verifier,
  });
  app.route('/api', attachments.routes);
  let boundUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  // nodemailer (~15 MB resident) is loaded only when SMTP is configured.
  const email = config.smtpUrl
    ? new (await import('./email/service.js')).EmailService(
        {
          smtpUrl: config.smtpUrl,
          from: config.mailFrom,
          baseUrl: () => config.publicUrl ?? boundUrl,
          perConversationPerHour: config.emailPerConversationPerHour,
        },
        {
          db,
          service,
          secret,
          logger,
          customerOnline: async (id) => (await chat.in(conversationRoom(id)).fetchSockets()).length > 0,
          limits: redis ? new RedisLimitStore(redis, logger, `${config.redisPrefix}:mail:`) : undefined,
        },
      )
    : undefined;
  const unwatchEmail = email?.watch();
  if (email) app.route('/api', emailRoutes({ email, visitors, service }));
  app.route(
    '/api',
    privacyRoutes({
      privacy: security.privacy,
      audit: security.audit,
      visitors,
      admin: security.adminOnly,
      ipOf,
      onErased: (ids) => {
        ids.forEach((id) => chat.in(conversationRoom(id)).disconnectSockets(true));
        ai?.knowledge.clearCaches(); // the query caches are keyed by customers' words
        void attachments.service
          .erased(ids)
          .catch((err) => logger.error({ err }, 'could not remove erased attachments'));
      },
    }),
  );
  // Built on the first request: generating it costs start-up time that most servers never need.
  let openApi: object | undefined;
  app.get('/api/openapi.json', async (c) =>
    c.json((openApi ??= (await import('./http/openapi.js')).openApiDocument(SERVER_VERSION))),
  );
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  io.attach(httpServer);
  // Answers and deliveries left by a crashed process: the embedded database admits one process, so every lease is stale.
  jobs.start(db.kind === 'pglite');

  let closing: Promise<void> | undefined;
  return {
    app,
    io,
    httpServer,
    config,
    logger,
    db,
    service,
    visitors,
    staffTokens,
    staff,
    security,
    bus,
    learning,
    redis,
    jobs,
    metrics,
    knowledge: ai?.knowledge,
    handoff: handoff.service,
    attachments,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
          boundUrl = url;
          logger.info({ url }, 'switchboard listening');
          resolve({ port: bound, url });
        });
      });
    },
    close() {
      closing ??= (async () => {
        // io.close() also closes the HTTP server; sockets are told to go so clients reconnect elsewhere.
        await new Promise<void>((resolve) => io.close(() => resolve()));
        // Handoff first: closing it cuts webhook back-off pauses short, which running jobs may be waiting in.
        await handoff.close();
        await learning?.idle();
        await jobs.close();
        attachments.close();
        unwatchEmail?.();
        email?.close();
        await ai?.close();
        await bus.close();
        await redis?.quit().catch(() => undefined);
        await db.close();
        if (!inMemory) secureTree(config.dataDir);
        logger.info('switchboard stopped');
      })();
      return closing;
    },
  };
}
