import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { hashPassword } from '../security/passwords.js';
import { startTestServer } from '../testing/harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
const login = (email: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

beforeAll(async () => {
  server = await startTestServer();
  await server.staff.create({
    email: 'Maria@Example.com',
    name: 'Maria',
    role: 'agent',
    passwordHash: await hashPassword('correct horse'),
  });
});
afterAll(async () => {
  await server?.close();
});

describe('staff login', () => {
  it('issues a session token for the right password only', async () => {
    expect((await login('maria@example.com', 'wrong')).status).toBe(401);
    expect((await login('nobody@example.com', 'correct horse')).status).toBe(401);
    const ok = await login('maria@example.com', 'correct horse');
    expect(ok.status).toBe(200);
    const { token, staff } = await ok.json();
    expect(staff).toMatchObject({ name: 'Maria', role: 'agent' });
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await me.json()).staff).toMatchObject({ name: 'Maria', role: 'agent', kind: 'session' });
  });

  it('rejects forged, alg-none and expired staff tokens with clear codes', async () => {
    const me = (token: string) => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none' })}.${b64({ sub: 's_x', role: 'admin', iss: 'switchboard', aud: 'staff' })}.`;
    const forged = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s_x')
      .setIssuer('switchboard')
      .setAudience('staff')
      .sign(new TextEncoder().encode('not the secret'));
    for (const t of [none, forged, 'garbage']) {
      const res = await me(t);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('token_invalid');
    }
    const account = await server.staff.byEmail('maria@example.com');
    const expired = await server.staffTokens.sign(
      { id: account!.id, name: 'Maria', role: 'agent', kind: 'session' },
      '-1s',
    );
    const res = await me(expired);
    expect((await res.json()).error.code).toBe('token_expired');
    expect((await me('')).status).toBe(401);
  });
});
