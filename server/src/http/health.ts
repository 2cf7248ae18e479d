import { Hono } from 'hono';

/** `GET /healthz` (process alive) and `GET /readyz` (storage answers and start-up work is done). */
export function healthRoutes(ready: () => Promise<{ ok: boolean; checks: Record<string, boolean> }>): Hono {
  const app = new Hono();
  const started = Date.now();
  app.get('/healthz', (c) => c.json({ ok: true, uptimeSeconds: Math.round((Date.now() - started) / 1000) }));
  app.get('/readyz', async (c) => {
    const r = await ready().catch(() => ({ ok: false, checks: {} }));
    return c.json(r, r.ok ? 200 : 503);
  });
  return app;
}
