import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStaff, escalatingAgents, staffAccount } from '../testing/handoff.js';
import { request, startTestServer } from '../testing/harness.js';
import { consoleStatic } from './console.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let agent: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
  agent = (await staffAccount(server, 'Agent Ann')).token;
  admin = (await staffAccount(server, 'Admin Al', 'admin')).token;
});
afterAll(async () => server?.close());

const api = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/console${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });

describe('console REST', () => {
  it('lets everyone read canned replies and only admins change them', async () => {
    expect((await api('/canned')).status).toBe(401);
    expect(
      (await api('/canned', agent, { method: 'POST', body: JSON.stringify({ title: 'Hi', text: 'Hello!' }) })).status,
    ).toBe(403);
    const created = await api('/canned', admin, {
      method: 'POST',
      body: JSON.stringify({ title: 'Hi', text: 'Hello! How can I help?' }),
    });
    expect(created.status).toBe(201);
    const { reply } = await created.json();
    expect(reply).toMatchObject({ id: expect.any(String), title: 'Hi', text: 'Hello! How can I help?' });
    expect(
      (await api('/canned', admin, { method: 'POST', body: JSON.stringify({ title: '', text: 'x' }) })).status,
    ).toBe(400);

    const updated = await api(`/canned/${reply.id}`, admin, {
      method: 'PUT',
      body: JSON.stringify({ text: 'Hello again!' }),
    });
    expect(await updated.json()).toMatchObject({ reply: { title: 'Hi', text: 'Hello again!' } });
    expect(await (await api('/canned', agent)).json()).toEqual({
      replies: [{ id: reply.id, title: 'Hi', text: 'Hello again!' }],
    });
    expect((await api(`/canned/${reply.id}`, agent, { method: 'DELETE' })).status).toBe(403);
    expect((await api(`/canned/${reply.id}`, admin, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/canned/${reply.id}`, admin, { method: 'DELETE' })).status).toBe(404);
  });

  it('searches over REST (and the socket) with custom-attribute filters as analytics reads them: attr.<name>=', async () => {
    const store = server.service.store;
    const make = async (visitorId: string, text: string) => {
      const c = await store.create({ visitorId });
      await store.append(c.id, { role: 'customer', text });
      return c.id;
    };
    const a = await make('v-search-a', 'my invoice is wrong');
    const b = await make('v-search-b', 'the invoice never arrived');
    await store.setSignedAttributes(a, { plan: 'enterprise', seats: 10 });
    await store.mergeVisitorAttributes(b, { plan: 'free' }, 50);
    const ids = async (path: string) =>
      ((await (await api(path, agent)).json()) as { hits: Array<{ conversationId: string }> }).hits
        .map((h) => h.conversationId)
        .sort();

    expect((await api('/search?text=invoice')).status).toBe(401);
    expect(await ids('/search?text=invoice')).toEqual([a, b].sort());
    expect(await ids('/search?text=invoice&attr.plan=enterprise')).toEqual([a]);
    expect(await ids('/search?attr.plan=enterprise&attr.seats=10')).toEqual([a]);
    expect(await ids('/search?attr.plan=free&limit=1')).toEqual([b]);
    const found = await (await api('/search?attr.plan=enterprise', agent)).json();
    expect(found.conversations).toEqual([expect.objectContaining({ id: a })]);

    const badName = await api('/search?attr.bad%20name=x', agent);
    expect(badName.status).toBe(400);
    expect((await badName.json()).error).toMatchObject({ code: 'invalid_attribute_filter', field: 'attr.bad name' });
    const long = await api(`/search?attr.plan=${'x'.repeat(501)}`, agent);
    expect((await long.json()).error).toMatchObject({ code: 'invalid_attribute_filter', field: 'attr.plan' });
    expect((await (await api('/search?state=nope', agent)).json()).error.code).toBe('invalid_payload');

    // The console's socket event takes the same filters as an object.
    const { socket } = await connectStaff(server.url, agent);
    try {
      const res = await request(socket, 'conversations:search', { attributes: { plan: 'free' } });
      expect(res.hits.map((h: { conversationId: string }) => h.conversationId)).toEqual([b]);
      const bad = await request(socket, 'conversations:search', { attributes: { 'bad name': 'x' } });
      expect(bad.error).toMatchObject({ code: 'invalid_attribute_filter', field: 'attr.bad name' });
    } finally {
      socket.disconnect();
    }
  });

  it('exports routing corrections as JSON Lines, to admins only', async () => {
    const c = await server.service.forVisitor('v_rest');
    const { message } = await server.service.receiveCustomerMessage(c, { clientId: 'r1', text: 'where is my refund' });
    await server.handoff.relabel({ id: 's_x', name: 'X', role: 'agent', kind: 'session' }, message.id, 'billing');
    expect((await api('/corrections.jsonl', agent)).status).toBe(403);
    const res = await api('/corrections.jsonl', admin);
    expect(res.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    expect(await res.text()).toBe('{"text":"where is my refund","agent":"billing"}\n');
  });
});

describe('console files', () => {
  const dist = mkdtempSync(join(tmpdir(), 'sb-console-'));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves the page and its files, refuses paths outside the build, and says when it is not built', async () => {
    const app = consoleStatic(dist);
    expect((await app.request('/console')).status).toBe(503);
    writeFileSync(join(dist, 'console.js'), 'console.log(1)');
    const page = await app.request('/console');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/console/console.js"></script>');
    expect(html).not.toMatch(/<script>[^<]/); // no inline script, so a strict CSP holds
    const js = await app.request('/console/console.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await app.request('/console/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/console/missing.js')).status).toBe(404);
  });

  it('is served with a CSP that forbids framing', async () => {
    const res = await fetch(`${server.url}/console`);
    if (res.status === 200) expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    else expect(res.status).toBe(503);
  });
});
