import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../security/passwords.js';
import { startTestServer } from '../testing/harness.js';

// Admin-only routes, API tokens with expiry and revocation, and the audit trail of it all.
let server: Awaited<ReturnType<typeof startTestServer>>;
let adminToken: string;
let agentToken: string;
const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const login = async (email: string, password: string) =>
  (
    await (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
        body: JSON.stringify({ email, password }),
      })
    ).json()
  ).token as string;

beforeAll(async () => {
  server = await startTestServer({ adminToken: 'static-admin-token-123' });
  await server.staff.create({
    email: 'admin@example.com',
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword('admin password 1'),
  });
  await server.staff.create({
    email: 'agent@example.com',
    name: 'Agent',
    role: 'agent',
    passwordHash: await hashPassword('agent password 1'),
  });
  adminToken = await login('admin@example.com', 'admin password 1');
  agentToken = await login('agent@example.com', 'agent password 1');
});
afterAll(async () => {
  await server?.close();
});

describe('admin-only routes', () => {
  it('refuse anonymous callers with 401 and agents with 403', async () => {
    for (const path of [
      '/api/admin/audit',
      '/api/admin/tokens',
      '/api/admin/users',
      '/api/kb/stats',
      '/api/visitors/v_x/export',
      '/api/users/u1/export',
    ]) {
      const anonymous = await call(path);
      expect(anonymous.status, path).toBe(401);
      const agent = await call(path, agentToken);
      expect(agent.status, path).toBe(403);
      expect((await agent.json()).error.code).toBe('forbidden');
      expect((await call(path, adminToken)).status, path).toBe(200);
    }
    expect((await call('/api/admin/users', 'static-admin-token-123')).status).toBe(200);
    expect((await call('/api/admin/users', 'static-admin-token-12')).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('are created by admins, work as bearer tokens, and stop working when revoked or expired', async () => {
    const created = await call('/api/admin/tokens', adminToken, {
      method: 'POST',
      body: JSON.stringify({ name: 'ci', role: 'agent', expiresIn: '90d' }),
    });
    expect(created.status).toBe(201);
    const { token, id, expiresAt } = await created.json();
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000);
    const me = await call('/api/auth/me', token);
    expect((await me.json()).staff).toMatchObject({ id, role: 'agent', kind: 'api' });
    // An agent-role key is still not an admin.
    expect((await call('/api/admin/audit', token)).status).toBe(403);

    const adminKey = await (
      await call('/api/admin/tokens', adminToken, {
        method: 'POST',
        body: JSON.stringify({ name: 'ops', role: 'admin' }),
      })
    ).json();
    expect((await call('/api/admin/audit', adminKey.token)).status).toBe(200);

    expect((await call(`/api/admin/tokens/${id}`, adminToken, { method: 'DELETE' })).status).toBe(200);
    const revoked = await call('/api/auth/me', token);
    expect(revoked.status).toBe(401);

    const short = await server.security.apiTokens.create({ name: 'short', role: 'admin', expiresIn: '1s' });
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await call('/api/admin/audit', short.token);
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe('token_expired');
    expect(
      (
        await call('/api/admin/tokens', adminToken, {
          method: 'POST',
          body: JSON.stringify({ name: 'bad', role: 'agent', expiresIn: 'soon' }),
        })
      ).status,
    ).toBe(400);
  });
});

describe('staff accounts', () => {
  it('an admin resets a password: the old one stops working, the new one works, and it is audited', async () => {
    await server.staff.create({
      email: 'forgot@example.com',
      name: 'Forgetful',
      role: 'agent',
      passwordHash: await hashPassword('old password 11'),
    });
    const forgot = await server.staff.byEmail('forgot@example.com');
    expect(
      (
        await call(`/api/admin/users/${forgot!.id}/password`, adminToken, {
          method: 'POST',
          body: JSON.stringify({ password: 'short' }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(`/api/admin/users/${forgot!.id}/password`, agentToken, {
          method: 'POST',
          body: JSON.stringify({ password: 'new password 22' }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(`/api/admin/users/${forgot!.id}/password`, adminToken, {
          method: 'POST',
          body: JSON.stringify({ password: 'new password 22' }),
        })
      ).status,
    ).toBe(200);
    expect(await login('forgot@example.com', 'old password 11')).toBeUndefined();
    expect(await login('forgot@example.com', 'new password 22')).toEqual(expect.any(String));
    expect((await server.security.audit.list({ target: forgot!.id })).map((e) => e.action)).toContain(
      'staff.password_reset',
    );
  });
});

describe('agent settings', () => {
  it('shows admins the agents, topics and thresholds in force', async () => {
    const res = await call('/api/admin/agents', adminToken);
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings.agents.length).toBeGreaterThan(0);
    expect(settings.agents[0]).toMatchObject({
      name: expect.any(String),
      threshold: expect.any(Number),
      topics: expect.any(Array),
    });
    expect(settings.agents[0].topics[0].examples).toBeGreaterThan(0);
    expect(settings.answering.minSimilarity).toEqual(expect.any(Number));
    expect((await call('/api/admin/agents', agentToken)).status).toBe(403);
  });
});

describe('audit log', () => {
  it('records logins, token creation, role changes and KB changes with who, what, when and where', async () => {
    await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'agent@example.com', password: 'wrong password' }),
    });
    const agent = await server.staff.byEmail('agent@example.com');
    expect(
      (
        await call(`/api/admin/users/${agent!.id}`, adminToken, {
          method: 'PATCH',
          body: JSON.stringify({ role: 'admin' }),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(`/api/admin/users/${agent!.id}`, adminToken, {
          method: 'PATCH',
          body: JSON.stringify({ role: 'agent' }),
        })
      ).status,
    ).toBe(200);
    const kb = await call('/api/kb/documents', adminToken, {
      method: 'POST',
      body: JSON.stringify({ id: 'refunds', title: 'Refunds', body: 'Refunds take five days.' }),
    });
    expect(kb.status).toBe(200);

    const { entries } = await (await call('/api/admin/audit?limit=200', adminToken)).json();
    const admin = await server.staff.byEmail('admin@example.com');
    const find = (action: string, more: Record<string, unknown> = {}) =>
      entries.find(
        (e: Record<string, unknown>) =>
          e.action === action && Object.entries(more).every(([k, v]) => JSON.stringify(e[k]) === JSON.stringify(v)),
      );
    // X-Forwarded-For is not trusted without --trust-proxy: the socket address is recorded.
    expect(find('auth.login', { actor: admin!.id, target: 'admin@example.com' })).toMatchObject({ ip: '127.0.0.1' });
    expect(find('auth.login_failed', { target: 'agent@example.com' })).toBeDefined();
    const created = entries.filter((e: { action: string }) => e.action === 'token.created');
    expect(created.map((e: { data: { name: string } }) => e.data.name).sort()).toEqual(['ci', 'ops']);
    expect(created[0]).toMatchObject({ actor: admin!.id, ip: '127.0.0.1' });
    expect(find('token.revoked')).toBeDefined();
    expect(find('staff.role_changed', { target: agent!.id })).toMatchObject({
      actor: admin!.id,
      data: { from: 'admin', to: 'agent' },
    });
    expect(find('kb.changed', { actor: admin!.id, target: '/api/kb/documents' })).toBeDefined();
    for (const e of entries) expect(new Date(e.createdAt).getTime()).toBeGreaterThan(Date.now() - 600_000);
    // Filters: by action prefix.
    const staffOnly = (await (await call('/api/admin/audit?action=staff.*', adminToken)).json()).entries;
    expect(staffOnly.length).toBeGreaterThanOrEqual(2);
    expect(staffOnly.every((e: { action: string }) => e.action.startsWith('staff.'))).toBe(true);
  });

  it('records escalations and assignments from the conversation service', async () => {
    const c = await server.service.forVisitor('v_audit_test');
    await server.service.escalate(c.id, 'asked for a person');
    await server.service.transition(c.id, 'claim', {
      actor: 's_someone',
      patch: { assigneeId: 's_someone', assigneeName: 'Someone' },
    });
    const entries = (await server.security.audit.list({ target: c.id })).map((e) => [e.action, e.actor]);
    expect(entries).toEqual([
      ['conversation.claimed', 's_someone'],
      ['conversation.escalated', 'router'],
    ]);
  });

  it('records a closing too, but not the customer reopening the conversation by writing again', async () => {
    const c = await server.service.forVisitor('v_audit_close');
    await server.service.transition(c.id, 'close', { actor: 's_closer' });
    await server.service.transition(c.id, 'reopen', { actor: 'customer' });
    const entries = (await server.security.audit.list({ target: c.id })).map((e) => [e.action, e.actor]);
    expect(entries).toEqual([['conversation.closed', 's_closer']]);
  });

  it('is append-only: updates and deletes change nothing', async () => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    await server.db.query("UPDATE audit_log SET action = 'tampered'");
    await server.db.query('DELETE FROM audit_log');
    const after = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(after[0].n).toBe(before[0].n);
    expect((await server.db.query("SELECT 1 FROM audit_log WHERE action = 'tampered'")).length).toBe(0);
  });

  it('refuses an admin demoting themselves', async () => {
    const admin = await server.staff.byEmail('admin@example.com');
    const res = await call(`/api/admin/users/${admin!.id}`, adminToken, {
      method: 'PATCH',
      body: JSON.stringify({ role: 'agent' }),
    });
    expect(res.status).toBe(403);
  });
});
