import { BlockList, isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';

/** The `trustProxy` setting: off, a number of proxy hops in front of the server, or the proxies' addresses/CIDRs. */
export type TrustProxySetting = boolean | number | string[];

/** A compiled `trustProxy` setting: which hops of a request's address chain are proxies you run. */
export interface ProxyTrust {
  /** Whether forwarded headers are read at all. */
  readonly enabled: boolean;
  /** The client address: the right-most address of `X-Forwarded-For` + socket address that is not a trusted proxy. */
  clientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined): string | undefined;
}

/** Strip the IPv4-mapped IPv6 prefix so one client has one key. */
function normalizeIp(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const trimmed = ip.trim().slice(0, 64);
  return trimmed.startsWith('::ffff:') ? trimmed.slice(7) : trimmed;
}

// Named ranges so deployments need not spell out the usual private networks.
const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

/** Why a `trustProxy` entry is not an address, a CIDR or a named range (undefined when it is fine). */
export function proxyEntryError(entry: string): string | undefined {
  if (NAMED[entry]) return undefined;
  const [addr, prefix, extra] = entry.split('/');
  const family = isIP(addr);
  if (!family || extra !== undefined)
    return `"${entry}" is not an IP address, CIDR (10.0.0.0/8) or one of ${Object.keys(NAMED).join(', ')}`;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)))
    return `"${entry}" has an invalid prefix length`;
  return undefined;
}

function blockList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => NAMED[e] ?? [e])) {
    const error = proxyEntryError(entry);
    if (error) throw new Error(`trustProxy: ${error}`);
    const [addr, prefix] = entry.split('/');
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(prefix), type);
  }
  return list;
}

/**
 * Compile `trustProxy`: `true` = one proxy hop, a number = that many hops, a list = those proxy addresses.
 * The client address is never the left-most `X-Forwarded-For` entry (the client writes that one itself).
 */
export function proxyTrust(setting: TrustProxySetting): ProxyTrust {
  const hops = setting === true ? 1 : typeof setting === 'number' ? setting : 0;
  const list = Array.isArray(setting) && setting.length ? blockList(setting) : undefined;
  const trusted = (ip: string) => !!list && list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
  return {
    enabled: hops > 0 || !!list,
    clientIp(remoteAddress, forwardedFor) {
      const remote = normalizeIp(remoteAddress);
      if (!remote || (hops === 0 && !list)) return remote;
      const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
      const chain = [
        ...header
          .split(',')
          .map((s) => normalizeIp(s))
          .filter((s): s is string => !!s && isIP(s) > 0),
        remote,
      ];
      if (list) {
        for (let i = chain.length - 1; i >= 0; i--) if (!trusted(chain[i])) return chain[i];
        return chain[0];
      }
      return chain[Math.max(0, chain.length - 1 - hops)];
    },
  };
}

type Headers = IncomingHttpHeaders | Record<string, string | undefined>;

/** The client IP of a request: see {@link proxyTrust}. */
export function clientIp(remoteAddress: string | undefined, headers: Headers, trust: ProxyTrust): string | undefined {
  return trust.clientIp(remoteAddress, headers['x-forwarded-for']);
}

/** The request's own host (for same-origin checks), honouring `X-Forwarded-Host` behind a trusted proxy. */
export function requestHost(headers: Headers, trust: ProxyTrust): string | undefined {
  const forwarded = trust.enabled ? headers['x-forwarded-host'] : undefined;
  const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? headers.host;
  return typeof host === 'string' ? host.split(',')[0].trim() : undefined;
}
