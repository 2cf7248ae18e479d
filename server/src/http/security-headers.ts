import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export interface SecurityHeaderOptions {
  /** Production adds HSTS (browsers ignore it over plain HTTP). */
  production: boolean;
  /** Path prefixes of the staff console: never framed by anyone. */
  consolePrefixes?: string[];
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** `'sha256-…'` sources for each inline script of a page, so the CSP can forbid every other inline script. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(INLINE_SCRIPT))
    if (m[1].trim()) out.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return out;
}

/** The Content-Security-Policy of an HTML page: own scripts only (plus the page's own inline scripts by hash), no plugins, no foreign framing. */
export function contentSecurityPolicy(html: string, frameAncestors: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    // Preact/Lit set style attributes and shadow-root <style>; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    // CSP3: 'self' also covers same-origin ws:/wss:, so pages cannot open sockets to other hosts.
    "connect-src 'self'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * Security headers: `nosniff` and a referrer policy everywhere, `no-store` on the API, and a CSP with frame-ancestors
 * on HTML pages (`'none'` for the console). Widget files keep their cross-origin headers so any site can embed them.
 */
export function securityHeaders(o: SecurityHeaderOptions): MiddlewareHandler {
  const consolePrefixes = o.consolePrefixes ?? ['/console'];
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (o.production) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (c.req.path.startsWith('/api/')) {
      if (!h.has('cache-control')) h.set('Cache-Control', 'no-store');
      return;
    }
    if (!h.get('content-type')?.includes('text/html') || h.has('content-security-policy')) return;
    const isConsole = consolePrefixes.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`));
    // Rebuild the response: the Node adapter may have frozen the original's headers when its body was read.
    const html = await c.res.text();
    const headers = new Headers(h);
    headers.set('Content-Security-Policy', contentSecurityPolicy(html, isConsole ? "'none'" : "'self'"));
    headers.set('X-Frame-Options', isConsole ? 'DENY' : 'SAMEORIGIN');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res = new Response(html, { status: c.res.status, headers });
  };
}
