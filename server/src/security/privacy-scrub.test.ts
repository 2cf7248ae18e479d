import { describe, expect, it } from 'vitest';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';

// Finding 8: an erasure also vacuums, checkpoints and forgets the in-memory query caches keyed by the customer's words.
const ADMIN = 'scrub-admin-token-123';
const pgAvailable = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

async function eraseScrubs(options: { databaseUrl?: string }) {
  const server = await startTestServer({ adminToken: ADMIN, logLevel: 'silent', ...options });
  try {
    const { socket, session } = await connectCustomer(server.url);
    const reply = nextEvent(socket, 'message', (m: { role: string }) => m.role === 'ai');
    await request(socket, 'message:send', { clientId: 'p1', text: 'my address is 7 Secret Road, how do refunds work' });
    await reply;
    expect(server.knowledge!.stats().cache.entries).toBeGreaterThan(0);
    const visitorId = JSON.parse(Buffer.from(session.visitor.split('.')[1], 'base64url').toString()).sub as string;
    const vacuumsBefore = await vacuumCount(server);
    const res = await fetch(`${server.url}/api/visitors/${visitorId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.scrubbed).toMatchObject({
      checkpoint: true,
      vacuumed: expect.arrayContaining(['messages', 'conversations']),
    });
    expect(await vacuumCount(server)).toBeGreaterThan(vacuumsBefore);
    expect(server.knowledge!.stats().cache.entries).toBe(0);
  } finally {
    await server.close();
  }
}
const vacuumCount = async (server: Awaited<ReturnType<typeof startTestServer>>) =>
  Number(
    (
      await server.db.query<{ n: number }>(
        "SELECT coalesce(sum(vacuum_count), 0)::int AS n FROM pg_stat_user_tables WHERE relname = 'messages'",
      )
    )[0].n,
  );

describe('GDPR erase scrubs', () => {
  it('on embedded PGlite', () => eraseScrubs({}), 60_000);
  it.runIf(pgAvailable)('on PostgreSQL', async () => eraseScrubs({ databaseUrl: await freshDatabaseUrl() }), 60_000);
});
