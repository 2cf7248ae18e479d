import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../cli/index.js';
import { resolveConfig } from '../config.js';
import { connectStaff, escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

// Findings 11, 12 and 14: staff client ids, the demo page, /metrics and source maps in production, user-JWT audience,
// and the identity secret kept off the command line.
const PROD = {
  mode: 'production' as const,
  allowedOrigins: ['https://shop.example.com'],
  secret: 'production-test-secret-0123456789',
  metricsToken: 'metrics-token-123',
};
const IDENTITY_SECRET = 'hygiene-test-identity-secret';
const userToken = (claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-aud')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(IDENTITY_SECRET));
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    demo: true,
    identitySecret: IDENTITY_SECRET,
  });
});
afterAll(async () => {
  await server?.close();
});

describe('staff client ids', () => {
  it('live in their own namespace: a customer cannot pre-claim staff:… and block a staff reply', async () => {
    const { socket, session } = await connectCustomer(server.url);
    expect(await request(socket, 'message:send', { clientId: 'staff:c-42', text: 'squatting' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'clientId' },
    });
    const rest = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitor}` },
      body: JSON.stringify({ message: 'x', clientId: 'staff:c-43' }),
    });
    expect(rest.status).toBe(400);
    await request(socket, 'message:send', { clientId: 'h1', text: 'a human please' });
    const agent = await staffAccount(server, 'Namespace');
    const staff = (await connectStaff(server.url, agent.token)).socket;
    await request(staff, 'conversation:claim', { conversationId: session.conversationId });
    const reply = nextEvent<{ role: string; text: string }>(socket, 'message', (m) => m.role === 'human');
    expect(
      await request(staff, 'message:send', {
        conversationId: session.conversationId,
        clientId: 'c-42',
        text: 'from staff',
      }),
    ).toMatchObject({ ok: true, message: { role: 'human' } });
    expect((await reply).text).toBe('from staff');
    staff.disconnect();
    socket.disconnect();
  });
});

describe('demo page', () => {
  it('never reflects the Host header unescaped', async () => {
    const { port } = new URL(server.url);
    const body = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/', headers: { host: 'x"onload="alert(1)' } },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end();
    });
    // `"` survives URL parsing of the Host header; escaped, it cannot close the attribute.
    expect(body).toContain('x&quot;onload=&quot;alert(1)/widget.js');
    expect(body).not.toContain('"onload="');
  });

  it('is off by default in production, on when asked', async () => {
    const prod = await startTestServer({ ...PROD, logLevel: 'silent', demo: undefined });
    try {
      expect((await fetch(`${prod.url}/`)).status).toBe(404);
      expect((await fetch(`${prod.url}/console/console.js.map`)).status).toBe(404);
      expect((await fetch(`${prod.url}/metrics`)).status).toBe(401);
    } finally {
      await prod.close();
    }
    expect(resolveConfig({ ...PROD, demo: true }, {}).demo).toBe(true);
    expect(resolveConfig({}, {}).demo).toBe(true);
  });
});

describe('production /metrics', () => {
  it('refuses to start with an open /metrics unless metricsPublic is given', () => {
    const { metricsToken: _, ...open } = PROD;
    expect(() => resolveConfig(open, {})).toThrow(/metrics/);
    expect(resolveConfig({ ...open, metricsPublic: true }, {}).metricsPublic).toBe(true);
    expect(resolveConfig(open, { SWITCHBOARD_METRICS_PUBLIC: '1' }).metricsPublic).toBe(true);
  });
});

describe('user JWT audience', () => {
  it('without identityAudience accepts no aud or "switchboard", and refuses a token minted for another service', async () => {
    for (const [claims, ok] of [
      [{}, true],
      [{ aud: 'switchboard' }, true],
      [{ aud: 'payments-api' }, false],
      [{ aud: ['payments-api', 'switchboard'] }, true],
    ] as const) {
      const { socket } = await connectCustomer(server.url);
      const res = await request(socket, 'identify', { token: await userToken(claims) });
      expect(res.ok, JSON.stringify(claims)).toBe(ok);
      if (!ok) expect(res.error.code).toBe('token_invalid');
      socket.disconnect();
    }
  });
});

describe('identity secret', () => {
  it('comes from a file or the environment, never a serve flag', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-idsecret-')), 'identity-secret');
    writeFileSync(file, 'from-a-file-identity-secret\n', { mode: 0o600 });
    expect(resolveConfig({ identitySecretFile: file }, {}).identitySecret).toBe('from-a-file-identity-secret');
    expect(resolveConfig({}, { SWITCHBOARD_IDENTITY_SECRET_FILE: file }).identitySecret).toBe(
      'from-a-file-identity-secret',
    );
    expect(() => resolveConfig({ identitySecretFile: join(file, 'missing') }, {})).toThrow(/identitySecretFile/);
    const serve = buildProgram().commands.find((c) => c.name() === 'serve')!;
    const flags = serve.options.map((o) => o.long);
    expect(flags).toContain('--identity-secret-file');
    expect(flags).not.toContain('--identity-secret');
  });
});
