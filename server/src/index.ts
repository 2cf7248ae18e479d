import { createAdaptorServer } from '@hono/node-server';
import type { Server as HttpServer } from 'node:http';
import { AGENTS_NAMESPACE, CHAT_NAMESPACE, DEFAULT_LIMITS, type ProtocolLimits } from 'switchboard-chat/protocol';
import { resolveConfig } from './config.js';
import { conversationRoom } from './conversations/broadcast.js';
import { ConversationService } from './conversations/service.js';
import { JobWorker } from './conversations/jobs.js';
import { jobMetrics, memoryMetrics, serviceMetrics, socketMetrics } from './analytics/wire.js';
import { analyticsRoutes } from './analytics/routes.js';
import { createAttachments } from './attachments/index.js';
import { emailRoutes } from './email/routes.js';
import { createApp } from './http/app.js';
import { adminGuard, requireStaff } from './http/auth.js';
import { consoleApi, consoleStatic } from './http/console.js';
import { createHandoff } from './handoff/index.js';
import { kbRoutes } from './http/kb.js';
import { attachAgents, staffChannel, type AgentsNamespace, type StaffSocketData } from './realtime/agents.js';
import { attachChat } from './realtime/chat.js';
import { roomBroadcaster } from './realtime/broadcast.js';
import type { ChatNamespace } from './realtime/types.js';
import { routerLearning, voteLearning } from './wiring/learning.js';
import { syncKnowledge } from './scale/kb-sync.js';
import { adminRoutes } from './http/admin.js';
import { privacyRoutes } from './http/privacy.js';
import { createSecurity } from './security-wiring.js';
import { proxyTrust } from './security/client-ip.js';
import { requestIp } from './http/guards.js';
import { createOriginPolicy } from './security/origins.js';
import { secureFolder, secureTree } from './security/data-dir.js';
import { loadSecret } from './security/secret.js';
import { disconnectPrincipal } from './security/staff-sessions.js';
import { StaffTokens } from './security/staff-tokens.js';
import { VisitorTokens } from './security/visitor-token.js';
import { StaffStore } from './storage/staff.js';
import { ConversationStore } from './storage/conversations.js';
import { JobStore } from './storage/jobs.js';
import { newId } from './util/ids.js';
import type { Database } from './storage/db.js';
import { createLogger } from './util/logger.js';
import { optionalEmail } from './wiring/email.js';
import type { ServerOptions, SwitchboardServer } from './wiring/server-types.js';
import { listenOn } from './wiring/listen.js';
import { createMetrics } from './wiring/metrics.js';
import { afterErasure, mountOpenApi } from './wiring/routes.js';
import { readiness, startStorageAndAi } from './wiring/startup.js';
import { createSockets } from './wiring/sockets.js';

export type { Config, ConfigInput } from './config.js';
export type { ServerOptions, SwitchboardServer } from './wiring/server-types.js';

/** Create the server: one Node HTTP server running Hono, with Socket.IO attached. @example const s = await createServer({ port: 0 }); await s.listen(); */
export async function createServer(options: ServerOptions = {}): Promise<SwitchboardServer> {
  const { logger: givenLogger, agents: givenAgents, inMemory, ...configInput } = options;
  const config = resolveConfig(configInput);
  const logger = givenLogger ?? createLogger({ level: config.logLevel });
  const limits: ProtocolLimits = { ...DEFAULT_LIMITS, maxTextLength: config.maxTextLength };

  let db: Database | undefined;
  const metrics = createMetrics(() => db);
  if (!inMemory) secureFolder(config.dataDir);
  const started = await startStorageAndAi(config, logger, { withAi: !givenAgents, inMemory, metrics });
  db = started.db;
  const ai = started.ai;
  if (!inMemory) secureTree(config.dataDir);
  const secret = loadSecret(config.secret, inMemory ? undefined : config.dataDir);
  const visitors = new VisitorTokens(secret, config.visitorTokenTtl);
  const staffTokens = new StaffTokens(secret);
  const staff = new StaffStore(db);

  const origins = createOriginPolicy(config.allowedOrigins);
  const { io, redis, bus } = await createSockets(config, logger, origins);
  const minVotes = config.calibrationMinVotes;
  const { agents, votes } = await voteLearning(givenAgents ?? ai!.agents, { db, bus, logger, minVotes });
  const chat = io.of(CHAT_NAMESPACE) as ChatNamespace;
  const broadcast = roomBroadcaster(chat);
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
    aiTypingDelayMs: config.aiTypingDelayMs,
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
  const { settings: agentSettings, learning } = await routerLearning(ai, { db, bus, logger, audit: security.audit });
  const handoff = createHandoff({
    channel: staffChannel(io),
    config,
    service,
    db,
    logger,
    agentNames: config.routerConfig.agents.map((a) => a.name),
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
    voted: () => votes.voted(),
    onError: (code) => metrics.errors.inc({ code }),
    guards: security.chatGuards,
    identity: security.identity,
    attributeLimits: { maxAttributes: config.maxAttributes, maxAttributeLength: config.maxAttributeLength },
  });

  const ready = readiness(db, ai);
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
      () => ({ router: learning?.info(), answerCalibration: votes.status() }),
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
  const email = await optionalEmail(config, {
    db,
    service,
    secret,
    logger,
    redis,
    baseUrl: () => config.publicUrl ?? boundUrl,
    customerOnline: async (id) => (await chat.in(conversationRoom(id)).fetchSockets()).length > 0,
  });
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
      onErased: afterErasure({ chat, knowledge: ai?.knowledge, attachments, logger }),
    }),
  );
  mountOpenApi(app);
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
    votes,
    redis,
    jobs,
    metrics,
    knowledge: ai?.knowledge,
    handoff: handoff.service,
    attachments,
    async listen(port = config.port, host = config.host) {
      const bound = await listenOn(httpServer, logger, port, host);
      boundUrl = bound.url;
      return bound;
    },
    close() {
      closing ??= (async () => {
        // io.close() also closes the HTTP server; sockets are told to go so clients reconnect elsewhere.
        await new Promise<void>((resolve) => io.close(() => resolve()));
        // Handoff first: closing it cuts webhook back-off pauses short, which running jobs may be waiting in.
        await handoff.close();
        await learning?.idle();
        await votes.idle();
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
