import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { AppError } from '../util/errors.js';
import { clientIp, requestHost, type ProxyTrust } from '../security/client-ip.js';
import type { OriginPolicy } from '../security/origins.js';
import type { RateLimiter } from '../security/rate-limit.js';
import type { VisitorTokens } from '../security/visitor-token.js';

export interface HttpGuardOptions {
  origins: OriginPolicy;
  limiter: RateLimiter;
  visitors: VisitorTokens;
  trustProxy: ProxyTrust;
}

const headersOf = (c: Context): Record<string, string | undefined> => ({
  host: c.req.header('host'),
  'x-forwarded-for': c.req.header('x-forwarded-for'),
  'x-forwarded-host': c.req.header('x-forwarded-host'),
});

/** The client IP of a Hono request (socket address, or X-Forwarded-For behind a trusted proxy). */
export function requestIp(c: Context, trustProxy: ProxyTrust): string | undefined {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    // Not running on @hono/node-server (app.request() in tests): no socket address.
  }
  return clientIp(remote, headersOf(c), trustProxy);
}

/** The visitor token of a request: `Authorization: Bearer`, `X-Switchboard-Visitor`, or the JSON body's `visitor`. */
export function visitorTokenOf(c: Context, body?: unknown): string | undefined {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const inBody = body && typeof body === 'object' ? (body as { visitor?: unknown }).visitor : undefined;
  return c.req.header('x-switchboard-visitor') ?? (typeof inBody === 'string' ? inBody : undefined);
}

/** CORS for `/api/*`: only allow-listed origins get `Access-Control-Allow-Origin`; bearer tokens, never cookies. */
export function apiCors(o: HttpGuardOptions): MiddlewareHandler {
  return cors({
    origin: (origin, c) => (o.origins.allows(origin, requestHost(headersOf(c), o.trustProxy)) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ['content-type', 'authorization', 'x-switchboard-visitor', 'x-switchboard-identity'],
    exposeHeaders: ['retry-after', 'x-error-code'],
    credentials: false,
    maxAge: 600,
  });
}

/** Refuse `/api/*` calls that a browser made from a page on a disallowed origin (CORS alone would still run them). */
export function apiOriginCheck(o: HttpGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (!o.origins.allows(origin, requestHost(headersOf(c), o.trustProxy))) {
      throw new AppError(
        'origin_not_allowed',
        `The origin ${origin?.slice(0, 200)} is not allowed to use this server.`,
      );
    }
    await next();
  };
}

/** Rate limits on `/api/*`: every request per IP, logins per IP, chat messages per visitor and IP (the same buckets as the socket). */
export function apiRateLimit(o: HttpGuardOptions): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const ip = requestIp(c, o.trustProxy);
    await o.limiter.consume('request', { ip });
    if (c.req.method === 'POST' && c.req.path === '/api/auth/login') await o.limiter.consume('login', { ip });
    if (c.req.method === 'POST' && c.req.path === '/api/chat') {
      // Before validation, and wherever the token arrives: a header or the body (Hono keeps the parsed body for the route).
      const body = await c.req.json().catch(() => undefined);
      const token = visitorTokenOf(c, body);
      await o.limiter.consume('message', { visitorId: token ? await o.visitors.verify(token) : undefined, ip });
    }
    await next();
  };
}
