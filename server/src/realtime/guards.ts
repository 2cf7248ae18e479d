import type { ErrorCode } from 'switchboard-chat/protocol';
import type { ChatNamespace, ChatSocket } from './types.js';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { clientIp, requestHost, type ProxyTrust } from '../security/client-ip.js';
import type { OriginPolicy } from '../security/origins.js';
import type { RateLimiter } from '../security/rate-limit.js';

export interface ChatGuardOptions {
  origins: OriginPolicy;
  limiter: RateLimiter;
  logger: Logger;
  trustProxy: ProxyTrust;
  /** Open `/chat` sockets allowed per IP on this node (0 = no limit). */
  maxConnectionsPerIp: number;
  onRefused?: (code: ErrorCode) => void;
}

/** A Socket.IO middleware error whose `data` reaches the client's `connect_error`. */
function refusal(err: AppError): Error {
  return Object.assign(new Error(err.code), { data: err.toWire() });
}

/**
 * Handshake checks for `/chat`, registered before the visitor middleware so refused sockets cost no database work:
 * the Origin allow-list, new connections per IP per minute, and open connections per IP.
 */
export function guardChatHandshake(nsp: ChatNamespace, o: ChatGuardOptions): void {
  const open = new Map<string, number>();
  const ipOf = (socket: ChatSocket) =>
    clientIp(socket.handshake.address, socket.handshake.headers, o.trustProxy) ?? 'unknown';
  // One listener for every socket (no closure per connection): the address is read again from the handshake.
  function onDisconnect(this: ChatSocket): void {
    const ip = ipOf(this);
    const n = (open.get(ip) ?? 1) - 1;
    if (n <= 0) open.delete(ip);
    else open.set(ip, n);
  }
  nsp.use(async (socket, next) => {
    const { headers, address } = socket.handshake;
    const origin = headers.origin;
    try {
      if (!o.origins.allows(origin, requestHost(headers, o.trustProxy))) {
        o.logger.warn({ origin, ip: address }, 'chat connection from a disallowed origin');
        throw new AppError(
          'origin_not_allowed',
          `The origin ${String(origin).slice(0, 200)} is not allowed to use this server.`,
        );
      }
      const ip = ipOf(socket);
      if (o.maxConnectionsPerIp > 0 && (open.get(ip) ?? 0) >= o.maxConnectionsPerIp) {
        throw new AppError('rate_limited', 'Too many open connections from this address.', { retryAfter: 30 });
      }
      await o.limiter.consume('connection', { ip });
      open.set(ip, (open.get(ip) ?? 0) + 1);
      socket.on('disconnect', onDisconnect);
      next();
    } catch (err) {
      const appError = err instanceof AppError ? err : new AppError('internal');
      o.onRefused?.(appError.code);
      next(refusal(appError));
    }
  });
}

/** Per-event guard for `ChatDeps.guards`: messages count against the message limits, everything else against the event limit. */
export function chatRateGuard(
  limiter: RateLimiter,
  trustProxy: ProxyTrust,
): (socket: ChatSocket, event: string) => Promise<void> {
  return async (socket, event) => {
    const ip = socket.data.ip ? clientIp(socket.data.ip, socket.handshake.headers, trustProxy) : undefined;
    await limiter.consume(event === 'message:send' ? 'message' : 'event', { visitorId: socket.data.visitorId, ip });
  };
}
