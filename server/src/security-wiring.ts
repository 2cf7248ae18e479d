import type { Hono, MiddlewareHandler } from 'hono';
import type { ErrorCode } from 'switchboard-chat/protocol';
import type { Config } from './config.js';
import type { ConversationService } from './conversations/service.js';
import type { TransitionEvent } from './conversations/states.js';
import { adminGuard } from './http/auth.js';
import type { StaffAuthDeps } from './security/staff-auth.js';
import { securityHeaders } from './http/security-headers.js';
import type { ChatNamespace, ChatSocket } from './realtime/types.js';
import type { RedisClient } from './scale/redis.js';
import type { Database } from './storage/db.js';
import type { Logger } from './util/logger.js';
import { ApiTokens } from './security/api-tokens.js';
import { AuditLog } from './security/audit.js';
import { proxyTrust, type ProxyTrust } from './security/client-ip.js';
import { chatRateGuard, guardChatHandshake } from './realtime/guards.js';
import { apiCors, apiOriginCheck, apiRateLimit, requestIp } from './http/guards.js';
import { IdentityLinker } from './security/identify.js';
import { IdentityVerifier } from './security/identity.js';
import { createOriginPolicy, type OriginPolicy } from './security/origins.js';
import { PrivacyService } from './security/privacy.js';
import { MemoryLimitStore, RateLimiter } from './security/rate-limit.js';
import { RedisLimitStore } from './security/rate-limit-redis.js';
import type { VisitorTokens } from './security/visitor-token.js';

export interface SecurityDeps {
  config: Config;
  logger: Logger;
  db: Database;
  service: ConversationService;
  visitors: VisitorTokens;
  auth: StaffAuthDeps;
  redis?: RedisClient;
  /** The allow-list, when the caller built it already (the Socket.IO CORS option needs it first). */
  origins?: OriginPolicy;
  /** The compiled `trustProxy` setting, when the caller built it already. */
  proxy?: ProxyTrust;
  onRefused?: (code: ErrorCode) => void;
}

// State changes the audit log keeps: everything staff and the system do (a customer's reopening is their own message).
const AUDITED = new Set<TransitionEvent>(['escalate', 'claim', 'assign', 'transfer', 'release', 'requeue', 'close']);

/** Every security part of a server, built from the config: origins, rate limits, identity, audit, API tokens, privacy. */
export interface Security {
  origins: OriginPolicy;
  limiter: RateLimiter;
  audit: AuditLog;
  apiTokens: ApiTokens;
  privacy: PrivacyService;
  identity: IdentityLinker;
  /** Per-event socket guards for `ChatDeps.guards`. */
  chatGuards: Array<(socket: ChatSocket, event: string) => Promise<void>>;
  /** Admin-only access (admin staff token, admin API key, or the static `adminToken`). */
  adminOnly: MiddlewareHandler;
  /** Register the handshake guard on `/chat`; call before `attachChat` so refused sockets cost nothing. */
  guardChat(nsp: ChatNamespace): void;
  /** Register headers, CORS, origin check and rate limits; call before any route is mounted. */
  guardHttp(app: Hono): void;
  /** The `onLogin` callback of `authRoutes`: audits every attempt. */
  onLogin(event: { ok: boolean; email: string; staffId?: string; ip?: string }): void;
  /** The `beforeLogin` callback of `authRoutes`: per-account lockout with backoff, whatever the client IP. */
  beforeLogin(email: string): Promise<void>;
}

/** Assemble the security layer. Warns when any origin may embed the widget (development default). */
export function createSecurity(d: SecurityDeps): Security {
  const { config, logger } = d;
  const origins = d.origins ?? createOriginPolicy(config.allowedOrigins);
  if (origins.open)
    logger.warn(
      'no --allowed-origins: any website may embed the widget and call the API (development only; production refuses to start without it)',
    );
  const store = d.redis ? new RedisLimitStore(d.redis, logger, `${config.redisPrefix}:rl:`) : new MemoryLimitStore();
  const limiter = new RateLimiter(store, config);
  const audit = new AuditLog(d.db, logger);
  const verifier = new IdentityVerifier(config);
  if (config.identityRequired && !verifier.configured)
    logger.warn(
      '--identity-required without SWITCHBOARD_IDENTITY_SECRET, --identity-secret-file or --identity-jwks-url: every identify will be refused',
    );
  const identity = new IdentityLinker(d.service, verifier, config.identityRequired);
  const adminOnly = adminGuard(d.auth, config.adminToken);
  const proxy = d.proxy ?? proxyTrust(config.trustProxy);
  const httpOptions = { origins, limiter, visitors: d.visitors, trustProxy: proxy };

  // Every state change but the customer's own reopening comes from the conversation service, whichever layer caused it.
  d.service.subscribe((change) => {
    if (change.kind !== 'state' || !AUDITED.has(change.event)) return;
    const c = change.conversation;
    void audit.record({
      actor: change.actor ?? 'system',
      action: `conversation.${change.type}`,
      target: c.id,
      data: { state: c.state, assignee: c.assigneeId },
    });
  });

  /** Audit every successful non-GET request under a path, with the staff member the route's guard set. */
  const auditChanges =
    (action: string): MiddlewareHandler =>
    async (c, next) => {
      await next();
      if (c.req.method === 'GET' || c.req.method === 'OPTIONS' || c.res.status >= 400) return;
      await audit.record({
        actor: c.get('staff')?.id,
        action,
        target: c.req.path,
        ip: requestIp(c, proxy),
        data: { method: c.req.method },
      });
    };

  return {
    origins,
    limiter,
    audit,
    identity,
    adminOnly,
    apiTokens: new ApiTokens(d.db, d.auth.tokens),
    privacy: new PrivacyService(d.db),
    chatGuards: [chatRateGuard(limiter, proxy)],
    guardChat(nsp) {
      guardChatHandshake(nsp, {
        origins,
        limiter,
        logger,
        trustProxy: proxy,
        maxConnectionsPerIp: config.maxConnectionsPerIp,
        onRefused: d.onRefused,
      });
    },
    guardHttp(app) {
      app.use('*', securityHeaders({ production: config.mode === 'production' }));
      app.use('/api/*', apiCors(httpOptions));
      app.use('/api/*', apiOriginCheck(httpOptions));
      app.use('/api/*', apiRateLimit(httpOptions));
      // Registered before the KB routes, so it sees the staff member their guard authenticated.
      app.use('/api/kb/*', auditChanges('kb.changed'));
    },
    async beforeLogin(email) {
      await limiter.consume('account-login', { account: email });
    },
    onLogin(e) {
      void audit.record({
        actor: e.staffId ?? `email:${e.email.slice(0, 320)}`,
        action: e.ok ? 'auth.login' : 'auth.login_failed',
        target: e.email,
        ip: e.ip,
      });
    },
  };
}
