import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { verifyPassword } from '../security/passwords.js';
import { authenticateStaff, bearerToken, type StaffAuthDeps as CoreStaffAuthDeps } from '../security/staff-auth.js';
import type { StaffPrincipal, StaffRole } from '../security/staff-tokens.js';
import { AppError } from '../util/errors.js';
import { jsonBody } from './errors.js';

/** Staff authentication for Hono: the framework-free core plus the client IP of a request (honours `trustProxy`). */
export interface StaffAuthDeps extends CoreStaffAuthDeps {
  /** The client IP of a request, recorded with login attempts. */
  ipOf?: (c: Context) => string | undefined;
}

declare module 'hono' {
  interface ContextVariableMap {
    staff: StaffPrincipal;
  }
}

export { authenticateStaff };

/** The bearer token of a request, if any. */
export function bearerOf(c: Context): string | undefined {
  return bearerToken(c.req.header('authorization'));
}

/** Middleware: require a staff member with at least `role` (admin ⊃ agent); sets `c.var.staff`. */
export function requireStaff(deps: StaffAuthDeps, role: StaffRole = 'agent'): MiddlewareHandler {
  return async (c, next) => {
    const principal = await authenticateStaff(deps, bearerOf(c));
    if (role === 'admin' && principal.role !== 'admin') throw new AppError('forbidden', 'Admins only.');
    c.set('staff', principal);
    await next();
  };
}

/** Admin access: an admin staff token, or the static `adminToken` when one is configured. */
export function adminGuard(deps: StaffAuthDeps, adminToken?: string): MiddlewareHandler {
  const staff = requireStaff(deps, 'admin');
  return async (c, next) => {
    if (adminToken && bearerOf(c) === adminToken) {
      c.set('staff', { id: 'admin-token', name: 'admin token', role: 'admin', kind: 'api' });
      return next();
    }
    return staff(c, next);
  };
}

/** Body of `POST /api/auth/login`. */
export const loginBody = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(1000) });

/** `POST /auth/login` (email + password → session JWT) and `GET /auth/me`; `beforeLogin` may refuse (account lockout). */
export function authRoutes(
  deps: StaffAuthDeps,
  onLogin?: (event: { ok: boolean; email: string; staffId?: string; ip?: string }) => void,
  beforeLogin?: (email: string) => Promise<void>,
): Hono {
  const app = new Hono();
  app.post('/auth/login', async (c) => {
    const parsed = loginBody.safeParse(await jsonBody(c));
    if (!parsed.success) throw new AppError('invalid_payload', 'email and password are required.');
    // Counted before the password is checked, so a locked account refuses even the right password.
    await beforeLogin?.(parsed.data.email.toLowerCase());
    const account = await deps.staff.byEmail(parsed.data.email);
    // Verify even for unknown emails so timing does not reveal which accounts exist.
    const ok =
      (await verifyPassword(
        parsed.data.password,
        account?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      )) &&
      !!account &&
      !account.disabled;
    const ip = deps.ipOf ? deps.ipOf(c) : c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    onLogin?.({ ok, email: parsed.data.email, staffId: account?.id, ip });
    if (!ok || !account) throw new AppError('unauthorized', 'Wrong email or password.');
    const token = await deps.tokens.sign(
      { id: account.id, name: account.name, role: account.role, kind: 'session' },
      deps.sessionTtl ?? '12h',
    );
    return c.json({ token, staff: { id: account.id, name: account.name, email: account.email, role: account.role } });
  });
  app.get('/auth/me', requireStaff(deps), (c) => c.json({ staff: c.var.staff }));
  return app;
}
