import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { needService, reachable, TEST_DATABASE_URL, TEST_REDIS_URL } from '../testing/services.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});
const start = async (options: Parameters<typeof startTestServer>[0]) => {
  const s = await startTestServer({ logLevel: 'silent', ...options });
  servers.push(s);
  return s;
};

const redisUp = await needService('Redis at 127.0.0.1:6379', reachable(6379));

describe.runIf(redisUp)('two deployments on one Redis server', () => {
  it("see none of each other's room broadcasts or bus messages; nodes of one deployment see each other's", async () => {
    const tag = `${process.pid}-${Date.now()}`;
    const [a1, a2, b] = await Promise.all(
      [`iso-a-${tag}`, `iso-a-${tag}`, `iso-b-${tag}`].map((redisPrefix) =>
        start({ redisUrl: TEST_REDIS_URL, redisPrefix }),
      ),
    );
    const onA2 = await connectCustomer(a2.url);
    const onB = await connectCustomer(b.url);
    // The same room name in both deployments (conversation ids could collide just the same).
    a2.io.of('/chat').in(onA2.socket.id!).socketsJoin('iso-room');
    b.io.of('/chat').in(onB.socket.id!).socketsJoin('iso-room');
    const seenB: unknown[] = [];
    (onB.socket as unknown as { on(e: string, fn: (p: unknown) => void): void }).on('iso-probe', (p) => seenB.push(p));
    const seenA2 = nextEvent(onA2.socket, 'iso-probe');
    (a1.io.of('/chat').to('iso-room').emit as (e: string, p: unknown) => boolean)('iso-probe', { from: 'a1' });
    expect(await seenA2).toEqual({ from: 'a1' });

    const busA2: unknown[] = [];
    const busB: unknown[] = [];
    await a2.bus.subscribe('iso', (m) => busA2.push(m));
    await b.bus.subscribe('iso', (m) => busB.push(m));
    await a1.bus.publish('iso', { n: 1 });
    for (let i = 0; i < 40 && !busA2.length; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(busA2).toEqual([{ n: 1 }]);
    expect(busB).toEqual([]);
    expect(seenB).toEqual([]);
    onA2.socket.disconnect();
    onB.socket.disconnect();
  }, 180_000);
});

const pgUp = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(pgUp)('two deployments on one PostgreSQL database', () => {
  const schemas = [`sb_iso_${process.pid}_a`, `sb_iso_${process.pid}_b`];
  afterAll(async () => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  });

  it('keep their tables in their own schemas (created at start)', async () => {
    const [a, b] = [
      await start({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schemas[0] }),
      await start({ databaseUrl: TEST_DATABASE_URL, databaseSchema: schemas[1] }),
    ];
    const onA = await connectCustomer(a.url);
    await request(onA.socket, 'message:send', { clientId: 'm1', text: 'hello' });
    expect(await a.service.store.get(onA.session.conversationId)).toBeDefined();
    expect(await b.service.store.get(onA.session.conversationId)).toBeUndefined();
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    const { rows } = await c.query(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'jobs' AND table_schema = ANY($1) ORDER BY 1",
      [schemas],
    );
    await c.end();
    expect(rows.map((r) => r.table_schema)).toEqual(schemas);
    onA.socket.disconnect();
  }, 180_000);
});
