import { afterAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

// Rate limits hold across nodes: two servers share their token buckets through the real Redis.
const redisPort = Number(new URL(TEST_REDIS_URL).port || 6379);
const available = await needService(
  `Redis at ${new URL(TEST_REDIS_URL).host}`,
  reachable(redisPort, new URL(TEST_REDIS_URL).hostname),
);
const cleanup: Array<() => unknown> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

describe.runIf(available)('rate limits across two nodes (Redis)', () => {
  it("counts one visitor's messages on both nodes against one budget", { timeout: 120_000 }, async () => {
    const options = {
      redisUrl: TEST_REDIS_URL,
      secret: 'shared-secret-of-both-nodes-0123456789',
      rateMessagesPerMinute: 6,
      rateIpMessagesPerMinute: 0,
    };
    const a = await startTestServer(options);
    cleanup.push(() => a.close());
    const b = await startTestServer(options);
    cleanup.push(() => b.close());

    const onA = await connectCustomer(a.url);
    const onB = await connectCustomer(b.url, { visitor: onA.session.visitor });
    const sockets: ChatClient[] = [onA.socket, onB.socket];
    cleanup.push(() => sockets.forEach((s) => s.disconnect()));

    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(
        await request(sockets[i % 2], 'message:send', { clientId: `r${i}`, text: `node ${i % 2} message ${i}` }),
      );
    const accepted = results.filter((r) => r.ok).length;
    // A per-node (memory) limiter would accept 12 here: 6 on each node.
    expect(accepted).toBe(6);
    expect(results.filter((r) => !r.ok).every((r) => r.error.code === 'rate_limited' && r.error.retryAfter >= 1)).toBe(
      true,
    );
    // Both nodes refused: the budget is shared, not split.
    expect(results.slice(6).some((r, i) => !r.ok && i % 2 === 0)).toBe(true);
    expect(results.slice(6).some((r, i) => !r.ok && i % 2 === 1)).toBe(true);

    // A fresh visitor still gets through on either node.
    const other = await connectCustomer(b.url);
    sockets.push(other.socket);
    expect(await request(other.socket, 'message:send', { clientId: 'o', text: 'hi' })).toMatchObject({ ok: true });
  });
});
