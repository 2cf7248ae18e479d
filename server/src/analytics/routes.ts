import { Hono, type MiddlewareHandler } from 'hono';
import { attributeFiltersFromQuery } from 'switchboard-chat/protocol';
import { z } from 'zod';
import type { Database } from '../storage/db.js';
import { AppError, unwrap } from '../util/errors.js';
import type { Metrics } from './metrics.js';
import { analyticsReport, type AnalyticsReport } from './report.js';

/** `GET /metrics` in Prometheus text format, behind a bearer token when one is configured. */
export function metricsRoutes(metrics: Metrics, token?: string): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    if (token && c.req.header('authorization') !== `Bearer ${token}`)
      throw new AppError('unauthorized', 'The metrics token is required.');
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  return app;
}

function parseDate(v: string | undefined, fallback: Date, field: string): Date {
  if (!v) return fallback;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime()))
    throw new AppError('invalid_payload', `${field} must be a date (YYYY-MM-DD or ISO 8601).`, { field });
  return d;
}

/** The per-day table as CSV, for spreadsheets. */
export function reportCsv(r: AnalyticsReport): string {
  const rows = [
    ['day', 'conversations', 'messages', 'escalated'],
    ...r.perDay.map((d) => [d.day, d.conversations, d.messages, d.escalated]),
  ];
  return `${rows.map((row) => row.join(',')).join('\n')}\n`;
}

/** Query parameters of `GET /api/analytics` (documented in the OpenAPI description and docs/handoff.md). */
export const analyticsQuery = z.object({
  from: z
    .string()
    .max(40)
    .optional()
    .describe('Start of the period: YYYY-MM-DD (midnight UTC) or an ISO 8601 time. Default: 30 days ago.'),
  to: z
    .string()
    .max(40)
    .optional()
    .describe('End of the period: YYYY-MM-DD includes that whole day; an ISO 8601 time is exclusive. Default: now.'),
  agent: z.string().max(100).optional().describe('Only conversations and messages of this agent (e.g. billing).'),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('json (default): the whole report; csv: the per-day table for spreadsheets.'),
});

/** `GET /api/analytics?from=&to=&agent=&attr.<name>=&format=json|csv` for admins. `to` is inclusive of its whole day. */
export function analyticsRoutes(
  db: Database,
  guard: MiddlewareHandler,
  costs: { human: number; ai: number },
  models?: () => { router?: unknown; answerCalibration?: unknown },
  maxAttributeLength = 500,
): Hono {
  const app = new Hono();
  app.get('/analytics', guard, async (c) => {
    const q = analyticsQuery.safeParse(c.req.query());
    if (!q.success)
      throw new AppError('invalid_payload', `${q.error.issues[0].path.join('.')}: ${q.error.issues[0].message}`, {
        field: String(q.error.issues[0].path[0] ?? ''),
      });
    const now = new Date();
    const from = parseDate(c.req.query('from'), new Date(now.getTime() - 30 * 86_400_000), 'from');
    let to = parseDate(c.req.query('to'), now, 'to');
    if (/^\d{4}-\d{2}-\d{2}$/.test(c.req.query('to') ?? '')) to = new Date(to.getTime() + 86_400_000);
    if (to <= from) throw new AppError('invalid_payload', '`to` must be after `from`.', { field: 'to' });
    const attributes = unwrap(attributeFiltersFromQuery(c.req.query(), maxAttributeLength));
    const report = await analyticsReport(db, {
      from,
      to,
      agent: c.req.query('agent') || undefined,
      attributes,
      costHuman: costs.human,
      costAi: costs.ai,
    });
    if (c.req.query('format') === 'csv')
      return c.body(reportCsv(report), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="switchboard-analytics.csv"',
      });
    // The routing model in use (chosen by cross-validation at the last training) and the answer confidence's
    // calibration from the site's votes: what, how well, when.
    const { router, answerCalibration } = models?.() ?? {};
    return c.json({ ...report, ...(router ? { router } : {}), ...(answerCalibration ? { answerCalibration } : {}) });
  });
  return app;
}
