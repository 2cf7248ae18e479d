import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

const available = await needService('Redis at 127.0.0.1:6379', reachable(6379));
const servers: Array<Awaited<ReturnType<typeof startTestServer>>> = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe.runIf(available)('knowledge-base changes reach every node', () => {
  it('a document added on node A is searchable on node B; a delete follows', async () => {
    const options = {
      redisUrl: TEST_REDIS_URL,
      adminToken: 'kb-sync-admin-token',
      secret: 'kb-sync-shared-secret-0123456789',
    };
    const a = await startTestServer(options);
    servers.push(a);
    const b = await startTestServer(options);
    servers.push(b);
    const auth = { authorization: 'Bearer kb-sync-admin-token', 'content-type': 'application/json' };
    const id = `sync-${Date.now()}`;
    const res = await fetch(`${a.url}/api/kb/documents`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        id,
        title: 'Warranty for routers',
        body: 'Every router has a three year warranty.',
        collection: 'general',
      }),
    });
    expect(res.status).toBe(200);
    const search = async () =>
      (await (await fetch(`${b.url}/api/kb/search?q=router%20warranty`, { headers: auth })).json()).hits.map(
        (h: { docId: string }) => h.docId,
      );
    await expect.poll(search, { timeout: 10_000 }).toContain(id);
    expect((await fetch(`${a.url}/api/kb/documents/${id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    await expect.poll(search, { timeout: 10_000 }).not.toContain(id);
  });
});
