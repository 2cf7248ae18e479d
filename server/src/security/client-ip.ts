import type { IncomingHttpHeaders } from 'node:http';

/** Strip the IPv4-mapped IPv6 prefix so one client has one key. */
function normalizeIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}

/** The client IP: the socket's address, or the first `X-Forwarded-For` hop when the server sits behind a trusted proxy. */
export function clientIp(remoteAddress: string | undefined, headers: IncomingHttpHeaders | Record<string, string | undefined>, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return normalizeIp(first.slice(0, 64));
  }
  return normalizeIp(remoteAddress);
}

/** The request's own host (for same-origin checks), honouring `X-Forwarded-Host` behind a trusted proxy. */
export function requestHost(headers: IncomingHttpHeaders | Record<string, string | undefined>, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? headers.host;
  return typeof host === 'string' ? host.split(',')[0].trim() : undefined;
}
