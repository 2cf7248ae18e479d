import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { hashPassword } from '../security/passwords.js';
import type { LiveAgentSettings, TrainingStatus } from '../router/live-settings.js';
import { agentPatchSchema } from '../router/overrides.js';
import { agentSettingsOf } from '../router/settings.js';
import type { ApiTokens } from '../security/api-tokens.js';
import type { AuditLog } from '../security/audit.js';
import type { StaffStore } from '../storage/staff.js';
import { AppError } from '../util/errors.js';
import { jsonBody } from './errors.js';

export interface AdminRouteDeps {
  /** Admin-only guard; sets `c.var.staff`. */
  guard: MiddlewareHandler;
  audit: AuditLog;
  apiTokens: ApiTokens;
  staff: StaffStore;
  ipOf: (c: Context) => string | undefined;
  /** The agents, topics and thresholds, editable live (absent without the AI layer). */
  agents?: {
    settings: LiveAgentSettings;
    /** This node's router training: retraining now, and when the model in force was trained. */
    training(): TrainingStatus;
    /** Stored settings changed: retrain (every node). */
    changed(): void;
  };
  /** A principal's credential was revoked, or its account disabled or given another role: end its open sessions. */
  onPrincipalChanged?: (id: string) => void;
}

/** Staff roles. */
export const role = z.enum(['agent', 'admin']);
/** Body of `POST /api/admin/tokens`. */
export const tokenBody = z.object({
  name: z.string().trim().min(1).max(200),
  role,
  expiresIn: z.string().max(20).optional(),
});
/** Body of `POST /api/admin/users`. */
export const staffBody = z.object({
  email: z.string().email().max(320),
  name: z.string().trim().min(1).max(200),
  role,
  password: z.string().min(10).max(1000),
});
/** Body of `PATCH /api/admin/users/:id`. */
export const staffPatch = z
  .object({
    role: role.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

/** Body of `POST /api/admin/users/:id/password`. */
export const passwordBody = z.object({ password: z.string().min(10).max(1000) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success)
    throw new AppError(
      'invalid_payload',
      `${r.error.issues[0].path.join('.') || 'body'}: ${r.error.issues[0].message}`,
    );
  return r.data;
}

/** Admin-only REST under `/api/admin`: audit log, API tokens, staff accounts and roles, agent settings. Every change is audited. */
export function adminRoutes(d: AdminRouteDeps): Hono {
  const app = new Hono();
  app.use('*', d.guard);
  const record = (c: Context, action: string, target: string, data?: Record<string, unknown>) =>
    d.audit.record({ actor: c.var.staff.id, action, target, ip: d.ipOf(c), data });

  app.get('/audit', async (c) => {
    const num = (k: string) => (c.req.query(k) ? Number(c.req.query(k)) || undefined : undefined);
    const entries = await d.audit.list({
      limit: num('limit'),
      before: num('before'),
      action: c.req.query('action'),
      actor: c.req.query('actor'),
      target: c.req.query('target'),
    });
    return c.json({ entries, next: entries.length ? entries[entries.length - 1].id : null });
  });

  app.get('/tokens', async (c) => c.json({ tokens: await d.apiTokens.list() }));
  app.post('/tokens', async (c) => {
    const body = parse(tokenBody, await jsonBody(c));
    const { token, record: created } = await d.apiTokens.create({ ...body, createdBy: c.var.staff.id });
    await record(c, 'token.created', created.id, {
      name: created.name,
      role: created.role,
      expiresAt: created.expiresAt,
    });
    return c.json({ token, ...created }, 201);
  });
  app.delete('/tokens/:id', async (c) => {
    if (!(await d.apiTokens.revoke(c.req.param('id')))) throw new AppError('not_found', 'No such active token.');
    d.onPrincipalChanged?.(c.req.param('id'));
    await record(c, 'token.revoked', c.req.param('id'));
    return c.json({ revoked: true });
  });

  app.get('/users', async (c) => c.json({ users: await d.staff.list() }));
  app.post('/users', async (c) => {
    const body = parse(staffBody, await jsonBody(c));
    if (await d.staff.byEmail(body.email))
      throw new AppError('invalid_payload', 'An account with this email exists.', { field: 'email' });
    const created = await d.staff.create({
      email: body.email,
      name: body.name,
      role: body.role,
      passwordHash: await hashPassword(body.password),
    });
    await record(c, 'staff.created', created.id, { role: created.role });
    return c.json({ user: created }, 201);
  });
  app.patch('/users/:id', async (c) => {
    const patch = parse(staffPatch, await jsonBody(c));
    const before = await d.staff.byId(c.req.param('id'));
    if (!before) throw new AppError('not_found', 'No such account.');
    if (before.id === c.var.staff.id && (patch.role === 'agent' || patch.disabled))
      throw new AppError('forbidden', 'Admins cannot demote or disable themselves.');
    const after = (await d.staff.update(before.id, patch))!;
    if (after.role !== before.role || after.disabled !== before.disabled) d.onPrincipalChanged?.(before.id);
    if (patch.role && patch.role !== before.role)
      await record(c, 'staff.role_changed', before.id, { from: before.role, to: patch.role });
    if (patch.disabled !== undefined && patch.disabled !== before.disabled)
      await record(c, patch.disabled ? 'staff.disabled' : 'staff.enabled', before.id);
    return c.json({ user: after });
  });
  app.post('/users/:id/password', async (c) => {
    const { password } = parse(passwordBody, await jsonBody(c));
    if (!(await d.staff.update(c.req.param('id'), { passwordHash: await hashPassword(password) })))
      throw new AppError('not_found', 'No such account.');
    // Whoever held the old password may hold a session too.
    d.onPrincipalChanged?.(c.req.param('id'));
    await record(c, 'staff.password_reset', c.req.param('id'));
    return c.json({ reset: true });
  });

  const agents = () => {
    if (!d.agents) throw new AppError('not_found', 'This server runs without the AI layer.');
    return d.agents;
  };
  app.get('/agents', async (c) => {
    const a = agents();
    return c.json({ ...agentSettingsOf(await a.settings.effective()), training: a.training() });
  });
  app.get('/agents/:name', async (c) => {
    const a = agents();
    return c.json({ agent: await a.settings.detail(c.req.param('name')), training: a.training() });
  });
  app.patch('/agents/:name', async (c) => {
    const a = agents();
    const patch = parse(agentPatchSchema, await jsonBody(c));
    const agent = await a.settings.patch(c.req.param('name'), patch, c.var.staff.id);
    a.changed();
    const training = a.training();
    await record(c, 'agent.updated', agent.name, {
      ...patch,
      topics: patch.topics?.map((t) => ({ name: t.name, added: t.add?.length ?? 0, removed: t.remove?.length ?? 0 })),
    });
    return c.json({ agent, training });
  });
  app.delete('/agents/:name/edits', async (c) => {
    const a = agents();
    const name = c.req.param('name');
    if (!(await a.settings.reset(name))) throw new AppError('not_found', `Agent ${name} has no console edits.`);
    a.changed();
    const training = a.training();
    await record(c, 'agent.reset', name);
    return c.json({ agent: await a.settings.detail(name), training });
  });
  return app;
}
