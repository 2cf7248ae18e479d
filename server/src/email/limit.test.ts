import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

// The per-conversation e-mail budget is one budget for the whole cluster: two nodes on one PostgreSQL and one Redis.
const available =
  (await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432))) &&
  (await needService('Redis at 127.0.0.1:6379', reachable(6379)));
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      done();
    });
  },
});
const servers: Array<Awaited<ReturnType<typeof startTestServer>>> = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe.runIf(available)('e-mail limit across nodes', () => {
  it('refuses the third transcript of a conversation with a budget of 2, although it asks a different node', async () => {
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    const shared = {
      logLevel: 'silent' as const,
      databaseUrl: await freshDatabaseUrl(),
      redisUrl: TEST_REDIS_URL,
      redisPrefix: `sb-mail-${process.pid}-${Date.now()}`,
      secret: 'email-limit-test-secret-0123456789',
      smtpUrl: `smtp://127.0.0.1:${port}`,
      emailPerConversationPerHour: 2,
    };
    servers.push(await startTestServer(shared));
    servers.push(await startTestServer(shared));
    const [a, b] = servers;
    const { socket, session } = await connectCustomer(a.url);
    await request(socket, 'message:send', { clientId: 'm1', text: 'hello' });
    const transcript = (url: string) =>
      fetch(`${url}/api/conversations/${session.conversationId}/transcript`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitor}` },
        body: JSON.stringify({ email: 'ada@example.test' }),
      });
    expect((await transcript(a.url)).status).toBe(200);
    expect((await transcript(b.url)).status).toBe(200);
    const third = await transcript(a.url);
    expect(third.status).toBe(429);
    expect((await third.json()).error.code).toBe('rate_limited');
    const fourth = await transcript(b.url);
    expect(fourth.status).toBe(429);
    await expect.poll(() => received).toBe(2);
    socket.disconnect();
  }, 120_000);
});
