import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccount } from '../testing/handoff.js';
import { startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';
import { routeOf as routeOfMessage, writeTwoAgentsFile } from '../testing/two-agents.js';

// Live editing of agent settings through /api/admin/agents: validated by the agents file's schemas, admin only,
// audited, applied by a background retrain, kept in the database across restarts and shared by every node.
const dir = mkdtempSync(join(tmpdir(), 'sb-admin-agents-'));
const config = writeTwoAgentsFile(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Server = Awaited<ReturnType<typeof startTestServer>>;
const call = (server: Server, token: string | undefined, method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const routeOf = (server: Server, message: string) => routeOfMessage(server.url, message);

describe('PATCH /api/admin/agents/:name on one node', () => {
  let server: Server;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer({ config, logLevel: 'silent' });
    admin = (await staffAccount(server, 'Ada', 'admin')).token;
    await server.learning!.idle();
  }, 120_000);
  afterAll(() => server?.close());

  it('lists the agents with their enabled state and the training status; one agent with its example texts', async () => {
    const list = await (await call(server, admin, 'GET', '/api/admin/agents')).json();
    expect(list.agents.map((a: { name: string; enabled: boolean }) => [a.name, a.enabled])).toEqual([
      ['shipping', true],
      ['returns', true],
    ]);
    expect(list.training).toMatchObject({ state: 'ready', trainedAt: expect.any(String) });
    const one = await (await call(server, admin, 'GET', '/api/admin/agents/shipping')).json();
    expect(one.agent).toMatchObject({ name: 'shipping', threshold: 0.45, overridden: [] });
    expect(one.agent.topics[0]).toMatchObject({ name: 'tracking', added: [], removed: [] });
    expect(one.agent.topics[0].examples).toContain('where is my parcel');
  });

  it('refuses anyone but an admin, on every request', async () => {
    const agent = await staffAccount(server, 'Bo', 'agent');
    expect((await call(server, undefined, 'PATCH', '/api/admin/agents/shipping', { threshold: 0.5 })).status).toBe(401);
    const refused = await call(server, agent.token, 'PATCH', '/api/admin/agents/shipping', { threshold: 0.5 });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    // A demoted admin's session is refused at once (the role is read from the database per request).
    const cleo = await staffAccount(server, 'Cleo', 'admin');
    await server.staff.update(cleo.id, { role: 'agent' });
    expect((await call(server, cleo.token, 'GET', '/api/admin/agents')).status).toBe(403);
  });

  it('refuses bad edits with a stable code and the field, storing nothing', async () => {
    const bad = async (name: string, body: unknown, status: number, code: string, field?: string) => {
      const res = await call(server, admin, 'PATCH', `/api/admin/agents/${name}`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const { error } = await res.json();
      expect(error.code).toBe(code);
      if (field) expect(error.field ?? error.message).toContain(field);
    };
    await bad('shipping', { threshold: 1.5 }, 400, 'invalid_payload', 'threshold');
    await bad('shipping', { description: '' }, 400, 'invalid_payload', 'description');
    await bad('shipping', {}, 400, 'invalid_payload');
    await bad('shipping', { colour: 'red' }, 400, 'invalid_payload');
    await bad('shipping', { topics: [{ name: 'nope', add: ['x'] }] }, 400, 'invalid_payload', 'topics');
    const all = ['where is my parcel', 'my tracking number does not work', 'the courier lost my box'];
    await bad(
      'shipping',
      { topics: [{ name: 'tracking', remove: [...all, 'when will my order arrive'] }] },
      400,
      'invalid_payload',
      'examples',
    );
    await bad('nobody', { threshold: 0.5 }, 404, 'not_found');
    expect((await call(server, admin, 'PATCH', '/api/admin/agents/returns', { enabled: false })).status).toBe(200);
    await bad('shipping', { enabled: false }, 400, 'invalid_payload', 'enabled');
    expect((await call(server, admin, 'DELETE', '/api/admin/agents/returns/edits')).status).toBe(200);
    await server.learning!.idle();
    const one = await (await call(server, admin, 'GET', '/api/admin/agents/shipping')).json();
    expect(one.agent.overridden).toEqual([]);
  });

  it('an added example, a threshold and disabling apply live after the background retrain, and are audited', async () => {
    // An owner teaches the router a phrasing it got wrong.
    const phrasing = 'return the box';
    expect(await routeOf(server, phrasing)).toMatchObject({ agent: 'shipping' });
    const added = await call(server, admin, 'PATCH', '/api/admin/agents/returns', {
      topics: [{ name: 'refunds', add: [phrasing] }],
    });
    expect(added.status).toBe(200);
    const body = await added.json();
    expect(body.agent).toMatchObject({ overridden: ['examples'] });
    expect(body.agent.topics[0].added).toEqual([phrasing]);
    expect(body.training.state).toBe('training');
    await server.learning!.idle();
    expect(await routeOf(server, phrasing)).toMatchObject({ agent: 'returns' });

    // A stricter threshold hands unsure messages to a person.
    const unsure = 'the courier wants my money back';
    const before = await routeOf(server, unsure);
    expect(before).toMatchObject({ agent: 'returns' });
    expect(before.confidence).toBeLessThan(0.99);
    const stricter = await call(server, admin, 'PATCH', '/api/admin/agents/returns', { threshold: 0.99 });
    expect((await stricter.json()).agent).toMatchObject({ threshold: 0.99, overridden: ['threshold', 'examples'] });
    await server.learning!.idle();
    expect(await routeOf(server, unsure)).toMatchObject({ agent: 'human', reason: 'low-confidence' });

    // Disabled, the agent gets nothing.
    await call(server, admin, 'PATCH', '/api/admin/agents/returns', { enabled: false });
    await server.learning!.idle();
    expect((await routeOf(server, 'can I get a refund')).agent).not.toBe('returns');
    const list = await (await call(server, admin, 'GET', '/api/admin/agents')).json();
    expect(list.agents.find((a: { name: string }) => a.name === 'returns').enabled).toBe(false);

    const audit = await (await call(server, admin, 'GET', '/api/admin/audit?action=agent.*')).json();
    expect(audit.entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`)).toEqual(
      expect.arrayContaining(['agent.updated returns', 'agent.reset returns']),
    );
    expect(server.learning!.status()).toMatchObject({ state: 'ready' });
  });
});

const available = await needService(
  'PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379',
  Promise.all([reachable(5432), reachable(6379)]).then((r) => r.every(Boolean)),
);

describe.runIf(available)('agent edits are shared by every node and kept across a restart', () => {
  it('node B retrains with node A’s edit; a restarted node starts with it', async () => {
    const unsure = 'the courier wants my money back';
    const options = {
      config,
      redisUrl: TEST_REDIS_URL,
      databaseUrl: await freshDatabaseUrl(),
      secret: 'admin-agents-shared-secret-0123456789',
      logLevel: 'silent' as const,
    };
    const a = await startTestServer(options);
    const b = await startTestServer(options);
    try {
      const admin = (await staffAccount(a, 'Ada', 'admin')).token;
      await Promise.all([a.learning!.idle(), b.learning!.idle()]);
      expect(await routeOf(b, unsure)).toMatchObject({ agent: 'returns' });
      const trained = b.learning!.status().trainedAt;
      expect((await call(a, admin, 'PATCH', '/api/admin/agents/returns', { threshold: 0.99 })).status).toBe(200);
      // Node B hears of it on the bus and retrains from the shared table.
      await expect.poll(() => b.learning!.status().trainedAt, { timeout: 60_000, interval: 200 }).not.toBe(trained);
      await b.learning!.idle();
      expect(await routeOf(b, unsure)).toMatchObject({ agent: 'human', reason: 'low-confidence' });
    } finally {
      await b.close();
      await a.close();
    }
    const c = await startTestServer(options);
    try {
      const admin = (await staffAccount(c, 'Eve', 'admin')).token;
      const one = await (await call(c, admin, 'GET', '/api/admin/agents/returns')).json();
      expect(one.agent).toMatchObject({ threshold: 0.99, overridden: ['threshold'] });
      await c.learning!.idle();
      expect(await routeOf(c, unsure)).toMatchObject({ agent: 'human', reason: 'low-confidence' });
    } finally {
      await c.close();
    }
  }, 240_000);
});
