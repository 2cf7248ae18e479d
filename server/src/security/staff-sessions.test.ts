import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type SwitchboardServer } from '../index.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

// Finding 1: a credential that stops being valid stops acting on an already open /agents socket.
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let admin: Awaited<ReturnType<typeof staffAccount>>;
const sockets: StaffClient[] = [];
const disconnected = (s: StaffClient) => (s.disconnected ? Promise.resolve() : nextEvent(s, 'disconnect'));
const call = (path: string, token: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
const staff = async (token: string) => {
  const s = (await connectStaff(server.url, token)).socket;
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent', staffRecheckMs: 0 });
  admin = await staffAccount(server, 'Root', 'admin');
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('staff credentials are re-checked on every action of an open socket', () => {
  it('a revoked API token can no longer list the inbox, even before its socket is dropped', async () => {
    const { token, record } = await server.security.apiTokens.create({ name: 'bot', role: 'agent' });
    const s = await staff(token);
    expect(await request(s, 'inbox:list', {})).toMatchObject({ ok: true });
    await server.security.apiTokens.revoke(record.id); // as the CLI does: no disconnect message reaches this node
    expect(await request(s, 'inbox:list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await disconnected(s);
  });

  it('revoking a token over REST disconnects its open sockets', async () => {
    const { token, record } = await server.security.apiTokens.create({ name: 'bot2', role: 'agent' });
    const [a, b] = [await staff(token), await staff(token)];
    const gone = Promise.all([disconnected(a), disconnected(b)]);
    expect((await call(`/api/admin/tokens/${record.id}`, admin.token, { method: 'DELETE' })).status).toBe(200);
    await gone;
  });

  it('disabling an agent disconnects the console, so it stops receiving customer messages', async () => {
    const agent = await staffAccount(server, 'Leaver');
    const s = await staff(agent.token);
    const gone = disconnected(s);
    expect(
      (
        await call(`/api/admin/users/${agent.id}`, admin.token, {
          method: 'PATCH',
          body: JSON.stringify({ disabled: true }),
        })
      ).status,
    ).toBe(200);
    await gone;
    await expect(connectStaff(server.url, agent.token)).rejects.toMatchObject({ message: 'unauthorized' });
  });

  it('a console session is dropped when its token expires', async () => {
    const agent = await staffAccount(server, 'Shortlived');
    const token = await server.staffTokens.sign(
      { id: agent.id, name: agent.name, role: 'agent', kind: 'session' },
      '2s',
    );
    const s = await staff(token);
    await disconnected(s);
  });

  it("an admin demoted to agent can no longer close a colleague's conversation", async () => {
    const colleague = await staffAccount(server, 'Colleague');
    const boss = await staffAccount(server, 'Boss', 'admin');
    const c = await connectCustomer(server.url);
    await request(c.socket, 'message:send', { clientId: 'h1', text: 'a human please' });
    const mine = await staff(colleague.token);
    expect(await request(mine, 'conversation:claim', { conversationId: c.session.conversationId })).toMatchObject({
      ok: true,
    });
    const bossSocket = await staff(boss.token);
    await server.staff.update(boss.id, { role: 'agent' }); // straight in the database: only the per-action check can see it
    expect(
      await request(bossSocket, 'conversation:release', { conversationId: c.session.conversationId, to: 'closed' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    c.socket.disconnect();
  });

  it('an idle socket is re-verified periodically (revocation by the CLI on another process)', async () => {
    const periodic = await startTestServer({ logLevel: 'silent', staffRecheckMs: 200 });
    try {
      const { token, record } = await periodic.security.apiTokens.create({ name: 'idle', role: 'agent' });
      const s = (await connectStaff(periodic.url, token)).socket;
      const gone = disconnected(s);
      await periodic.security.apiTokens.revoke(record.id);
      await gone;
    } finally {
      await periodic.close();
    }
  });
});

const services =
  (await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432))) &&
  (await needService('Redis at 127.0.0.1:6379', reachable(6379)));

describe.runIf(services)('two nodes on one Redis', () => {
  it('revoking a token on node A disconnects its sockets on node A and node B', async () => {
    const common = {
      databaseUrl: await freshDatabaseUrl(),
      redisUrl: TEST_REDIS_URL,
      secret: 'two-node-revocation-secret-0123456789',
      embedder: 'hash',
      demo: false,
      logLevel: 'silent' as const,
      staffRecheckMs: 0,
      agents: escalatingAgents,
    };
    const nodes: SwitchboardServer[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const n = await createServer(common);
        nodes.push(n);
      }
      const [a, b] = await Promise.all(nodes.map((n) => n.listen(0, '127.0.0.1')));
      const key = await nodes[0].security.apiTokens.create({ name: 'two-node', role: 'admin' });
      const onA = (await connectStaff(a.url, key.token)).socket;
      const onB = (await connectStaff(b.url, key.token)).socket;
      const adminKey = await nodes[0].security.apiTokens.create({ name: 'revoker', role: 'admin' });
      const started = Date.now();
      const gone = Promise.all([disconnected(onA), disconnected(onB)]).then(() => Date.now() - started);
      const res = await fetch(`${a.url}/api/admin/tokens/${key.record.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${adminKey.token}` },
      });
      expect(res.status).toBe(200);
      // Reported, not asserted (timing under load is not a test's business): docs/security.md quotes this number.
      console.log(`[staff-sessions] both sockets disconnected ${await gone} ms after the revoke request`);
    } finally {
      for (const n of nodes) await n.close();
    }
  }, 60_000);
});
