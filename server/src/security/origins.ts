/**
 * The origin allow-list: which websites may embed the widget and call the REST API from a browser.
 * Patterns are `scheme://host[:port]`, with `*.` as a leading host wildcard (one or more labels),
 * `:*` as any port, and a lone `*` for any origin.
 */
export interface OriginPolicy {
  /** True when any origin is allowed (no list configured, development). */
  readonly open: boolean;
  /** Whether a browser origin may use the server; `host` is the request's own host, so same-origin pages always pass. */
  allows(origin: string | undefined | null, host?: string): boolean;
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}|\*))?$/i;

/** Check one allow-list entry; returns an error message for a malformed one. */
export function originPatternError(pattern: string): string | undefined {
  if (pattern === '*') return undefined;
  if (!PATTERN.test(pattern.trim().replace(/\/$/, ''))) {
    return `"${pattern}" is not an origin pattern (expected scheme://host[:port], e.g. https://shop.example.com or https://*.example.com)`;
  }
  return undefined;
}

function toRegExp(pattern: string): RegExp {
  const m = PATTERN.exec(pattern.trim().replace(/\/$/, ''))!;
  const [, scheme, wildcard, host, port] = m;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const portPart = port === '*' ? '(?::\\d{1,5})?' : port ? `:${port}` : '';
  return new RegExp(`^${scheme}://${wildcard ? '(?:[a-z0-9-]+\\.)+' : ''}${esc(host)}${portPart}$`, 'i');
}

/** Build the policy from `allowedOrigins`; an empty list allows any origin (the caller warns about it). */
export function createOriginPolicy(patterns: readonly string[]): OriginPolicy {
  for (const p of patterns) {
    const error = originPatternError(p);
    if (error) throw new Error(error);
  }
  const open = patterns.length === 0 || patterns.includes('*');
  const regexps = patterns.filter((p) => p !== '*').map(toRegExp);
  return {
    open,
    allows(origin, host) {
      // Browsers always send Origin on cross-site requests; tools that omit it can forge it anyway.
      if (origin === undefined || origin === null || origin === '') return true;
      if (open) return true;
      if (host && sameHost(origin, host)) return true;
      return regexps.some((r) => r.test(origin));
    },
  };
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}
