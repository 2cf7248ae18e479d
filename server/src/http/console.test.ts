import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { startTestServer } from '../testing/harness.js';
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
