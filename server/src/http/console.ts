import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import { attributeFiltersFromQuery, parseSearchQuery, wireError } from 'switchboard-chat/protocol';
import { z } from 'zod';
import { toJsonl } from '../handoff/corrections.js';
import type { HandoffService } from '../handoff/service.js';
import { toLabelQuerySchema, toLabelQueue } from '../handoff/to-label.js';
import { AppError, unwrap } from '../util/errors.js';
import { jsonBody } from './errors.js';

/** Where rollup writes the console (`server/src/console/rollup.console.mjs`). */
export const CONSOLE_DIST = fileURLToPath(new URL('../../dist/console/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

/** The console's HTML shell: the app renders into #app; no inline script, so the CSP can forbid them all. */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Switchboard console</title>
<link rel="stylesheet" href="/console/console.css">
</head>
<body>
<div id="app"><noscript>The Switchboard console needs JavaScript.</noscript></div>
<script type="module" src="/console/console.js"></script>
</body>
</html>
`;
}

/** `GET /console` (the staff app) and its built files; `.map` files only with `sourceMaps` (development). */
export function consoleStatic(dist = CONSOLE_DIST, options: { sourceMaps?: boolean } = {}): Hono {
  const app = new Hono();
  const built = () => existsSync(join(dist, 'console.js'));
  const page = (c: Context) =>
    built()
      ? c.html(consolePage())
      : c.html(
          '<!doctype html><title>Switchboard console</title><p>The console is not built; run <code>npm run build</code>.</p>',
          503,
        );
  app.get('/console', page);
  app.get('/console/', page);
  app.get('/console/:file{.+}', (c) => {
    const path = normalize(join(dist, c.req.param('file')));
    // Source maps reveal the sources and comments: development only.
    if (!options.sourceMaps && path.endsWith('.map'))
      return c.json({ error: wireError('not_found', 'No such console file.') }, 404);
    if (!path.startsWith(dist) || !existsSync(path) || !statSync(path).isFile())
      return c.json({ error: wireError('not_found', 'No such console file.') }, 404);
    const ext = path.slice(path.lastIndexOf('.'));
    return c.body(readFileSync(path), 200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
  });
  return app;
}

/** Query parameters of `GET /api/console/search` (validated by the protocol's `parseSearchQuery`; documented here). */
export const consoleSearchQuery = z.object({
  text: z.string().optional().describe('words (prefix-matched), "a phrase", -excluded; over messages and the customer'),
  state: z.enum(['ai', 'waiting_human', 'human', 'closed']).optional(),
  agent: z.string().optional().describe('conversations with a message routed to this agent'),
  label: z.string().optional(),
  assignee: z.string().optional().describe('a staff id, or `none` for unassigned'),
  from: z.string().optional().describe('created on or after this day (YYYY-MM-DD, UTC)'),
  to: z.string().optional().describe('created before the end of this day (YYYY-MM-DD, UTC)'),
  limit: z.string().optional().describe('results, 1–100 (default 50)'),
  'attr.<name>': z
    .string()
    .optional()
    .describe('a custom attribute the customer has, e.g. `attr.plan=enterprise` (as in /api/analytics; up to 10)'),
});

/** Body of `POST /api/console/canned` (every field optional for PUT). */
export const cannedBody = z.object({
  title: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
});

/**
 * Console REST under `/api/console`: canned replies (everyone reads, admins write), the search, and the
 * routing-corrections export (admins) as JSON Lines `{ text, agent }` that `train-router` accepts.
 */
export function consoleApi(
  handoff: HandoffService,
  guards: { agent: MiddlewareHandler; admin: MiddlewareHandler },
): Hono {
  const app = new Hono();
  app.get('/canned', guards.agent, async (c) => c.json({ replies: await handoff.canned.list() }));
  app.post('/canned', guards.admin, async (c) => {
    const body = cannedBody.safeParse(await jsonBody(c));
    if (!body.success) throw new AppError('invalid_payload', 'title (≤ 100) and text (≤ 4000) are required.');
    return c.json({ reply: await handoff.canned.create(body.data, c.var.staff.id) }, 201);
  });
  app.put('/canned/:id', guards.admin, async (c) => {
    const body = cannedBody.partial().safeParse(await jsonBody(c));
    if (!body.success) throw new AppError('invalid_payload', 'title (≤ 100) or text (≤ 4000) expected.');
    const reply = await handoff.canned.update(c.req.param('id'), body.data);
    if (!reply) throw new AppError('not_found', 'No such canned reply.');
    return c.json({ reply });
  });
  app.delete('/canned/:id', guards.admin, async (c) => {
    if (!(await handoff.canned.remove(c.req.param('id')))) throw new AppError('not_found', 'No such canned reply.');
    return c.json({ ok: true });
  });
  // The "To label" queue: decisions the router was unsure about, and those staff corrected (console ToLabel view).
  app.get('/to-label', guards.agent, async (c) => {
    const q = toLabelQuerySchema.safeParse(c.req.query());
    if (!q.success)
      throw new AppError('invalid_payload', 'below (0–1), limit (1–200) and corrected (true|false) are the options.');
    return c.json({ items: await toLabelQueue(handoff.deps.db, q.data) });
  });
  // The console search over REST, for integrations: the socket's `conversations:search` with query parameters.
  app.get('/search', guards.agent, async (c) => {
    const { limit, ...rest } = c.req.query();
    const filters = Object.fromEntries(Object.entries(rest).filter(([k, v]) => !k.startsWith('attr.') && v !== ''));
    const attributes = unwrap(attributeFiltersFromQuery(c.req.query(), handoff.deps.maxAttributeLength));
    const query = unwrap(
      parseSearchQuery({
        ...filters,
        ...(limit ? { limit: Number(limit) } : {}),
        ...(Object.keys(attributes).length ? { attributes } : {}),
      }),
    );
    return c.json(await handoff.search(query));
  });
  app.get('/corrections.jsonl', guards.admin, (c) => {
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', 'attachment; filename="corrections.jsonl"');
    return stream(c, async (s) => {
      for await (const line of toJsonl(handoff.corrections.examples())) await s.write(line);
    });
  });
  return app;
}
