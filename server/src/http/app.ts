import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { UPLOAD_PATH } from '../attachments/routes.js';
import { AppError } from '../util/errors.js';
import { httpMetrics } from '../analytics/wire.js';
import { metricsRoutes } from '../analytics/routes.js';
import type { Metrics } from '../analytics/metrics.js';
import type { Logger } from '../util/logger.js';
import { authRoutes, type StaffAuthDeps } from './auth.js';
import { chatRoutes, type ChatRouteDeps } from './chat.js';
import { errorHandler } from './errors.js';
import { healthRoutes } from './health.js';
import { demoPage, widgetRoutes } from './static.js';

export interface AppDeps extends ChatRouteDeps {
  logger: Logger;
  maxBodyBytes: number;
  demo: boolean;
  ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>;
  auth: StaffAuthDeps;
  metrics: Metrics;
  metricsToken?: string;
  /** Registers security middleware (headers, CORS, origin check, rate limits) before any route. */
  guard?: (app: Hono) => void;
  /** Audits every staff login attempt. */
  onLogin?: Parameters<typeof authRoutes>[1];
  /** Refuses a login attempt before the password is checked (per-account lockout). */
  beforeLogin?: Parameters<typeof authRoutes>[2];
}

const DEMO_CSS = readFileSync(new URL('./demo.css', import.meta.url), 'utf8');

/** The Hono app: health, REST API, widget files and the demo page. Other layers mount more routes on it. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError(errorHandler(deps.logger));
  app.use('*', httpMetrics(deps.metrics));
  // The body limit comes first: the rate limits read the visitor token from a chat body too.
  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new AppError('payload_too_large', `The body is larger than ${deps.maxBodyBytes} bytes.`);
    },
  });
  // File uploads have their own, larger limit (attachmentMaxBytes).
  app.use('/api/*', (c, next) => (c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path) ? next() : limit(c, next)));
  deps.guard?.(app);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );
  app.route('/', healthRoutes(deps.ready));
  app.route('/', metricsRoutes(deps.metrics, deps.metricsToken));
  app.route('/api', chatRoutes(deps));
  app.route('/api', authRoutes(deps.auth, deps.onLogin, deps.beforeLogin));
  app.route('/', widgetRoutes());
  if (deps.demo) {
    app.get('/', (c) => c.html(demoPage(new URL(c.req.url).origin)));
    app.get('/demo.css', (c) => c.body(DEMO_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  }
  return app;
}
