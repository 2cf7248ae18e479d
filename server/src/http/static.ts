import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { Hono } from 'hono';

/** The folder holding the built widget, found through package resolution (`switchboard-chat/dist/*`). */
export function widgetDistDir(): string {
  // The same lookup in the repository (workspace link) and in an install from tarballs: no repo-only fallback path.
  // package.json (exported) rather than a bundle, so a repository without a build still starts and answers 404.
  return join(dirname(createRequire(import.meta.url).resolve('switchboard-chat/package.json')), 'dist');
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

/** Serves `/widget.js` (the loader) and `/widget/*` (the lazily loaded bundle) with CORS open, since host pages live on other origins. */
export function widgetRoutes(dist = widgetDistDir()): Hono {
  const app = new Hono();
  const send = (file: string, cacheSeconds: number) => {
    const path = normalize(join(dist, file));
    if (!path.startsWith(dist) || !existsSync(path) || !statSync(path).isFile()) return undefined;
    const ext = path.slice(path.lastIndexOf('.'));
    return new Response(readFileSync(path), {
      headers: {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': `public, max-age=${cacheSeconds}`,
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
      },
    });
  };
  const missing = (c: { json: (b: unknown, s: 404) => Response }) =>
    c.json({ error: { code: 'not_found', message: 'Widget file not found; run `npm run build`.' } }, 404);
  // The loader URL is pasted into sites, so it must stay fresh; the bundle it loads can be cached longer.
  app.get('/widget.js', (c) => send('switchboard-loader.js', 300) ?? missing(c));
  app.get('/widget/:file{.+}', (c) => send(c.req.param('file'), 3600) ?? missing(c));
  return app;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The demo page at `/`: a fictional product page with the script-tag snippet on it. The origin comes from the request's Host header, so it is HTML-escaped. */
export function demoPage(origin: string): string {
  const template = readFileSync(new URL('./demo.html', import.meta.url), 'utf8');
  return template.replaceAll(
    '{{origin}}',
    origin.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]),
  );
}
