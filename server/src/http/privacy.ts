import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { AuditLog } from '../security/audit.js';
import { subjectLabel, type DataSubject, type PrivacyService } from '../security/privacy.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import { AppError } from '../util/errors.js';
import { bearerOf } from './auth.js';

export interface PrivacyRouteDeps {
  privacy: PrivacyService;
  audit: AuditLog;
  visitors: VisitorTokens;
  /** Admin-only guard; sets `c.var.staff`. */
  admin: MiddlewareHandler;
  ipOf: (c: Context) => string | undefined;
  /** Called after an erasure, e.g. to disconnect the erased conversations' sockets. */
  onErased?: (conversationIds: string[]) => void;
}

/**
 * GDPR REST: `GET /visitors/:id/export`, `DELETE /visitors/:id` (admins, or the visitor with their own token),
 * `GET /users/:id/export`, `DELETE /users/:id` (admins). Every call is audited.
 */
export function privacyRoutes(d: PrivacyRouteDeps): Hono {
  const app = new Hono();

  // A visitor may act on their own data with their visitor token; anyone else must be an admin.
  const visitorOrAdmin: MiddlewareHandler = async (c, next) => {
    const own = await d.visitors.verify(bearerOf(c) ?? c.req.header('x-switchboard-visitor'));
    if (own) {
      if (own !== c.req.param('id')) throw new AppError('forbidden', 'A visitor token only opens its own data.');
      c.set('staff', { id: `visitor:${own}`, name: 'visitor', role: 'agent', kind: 'api' });
      return next();
    }
    return d.admin(c, next);
  };

  const exportOf = (subject: (c: Context) => DataSubject) => async (c: Context) => {
    const s = subject(c);
    const data = await d.privacy.export(s);
    await d.audit.record({
      actor: c.var.staff.id,
      action: 'gdpr.exported',
      target: subjectLabel(s),
      ip: d.ipOf(c),
      data: { conversations: data.conversations.length },
    });
    c.header('content-disposition', `attachment; filename="switchboard-export.json"`);
    return c.json(data);
  };
  const eraseOf = (subject: (c: Context) => DataSubject) => async (c: Context) => {
    const s = subject(c);
    const report = await d.privacy.erase(s);
    await d.audit.record({
      actor: c.var.staff.id,
      action: 'gdpr.deleted',
      target: subjectLabel(s),
      ip: d.ipOf(c),
      data: { deleted: report.deleted },
    });
    if (report.conversationIds.length) d.onErased?.(report.conversationIds);
    return c.json(report);
  };

  // A visitor acting with their own token gets only what the ownership rule gives that token (not a verified user's).
  const visitor = (c: Context): DataSubject => ({
    visitorId: c.req.param('id')!,
    asOwner: c.var.staff.id.startsWith('visitor:'),
  });
  const user = (c: Context): DataSubject => ({ userId: c.req.param('id')! });
  app.get('/visitors/:id/export', visitorOrAdmin, exportOf(visitor));
  app.delete('/visitors/:id', visitorOrAdmin, eraseOf(visitor));
  app.get('/users/:id/export', d.admin, exportOf(user));
  app.delete('/users/:id', d.admin, eraseOf(user));
  return app;
}
