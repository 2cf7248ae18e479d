import { afterAll, describe, expect, it } from 'vitest';
import { request, startTestServer } from '../../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../../testing/handoff.js';
import { waitForCounts } from './world.test-helpers.js';

// A conversation that goes back to the queue because its assignee went offline keeps the place its original waiting
// time gives it: ahead of conversations that escalated after it.
let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
const sockets: StaffClient[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('the queue after a reassignment', () => {
  it('puts a reassigned conversation before those queued later, by its original waiting time', async () => {
    server = await startTestServer({
      agents: escalatingAgents,
      logLevel: 'silent',
      assignment: { strategy: 'round-robin', capacity: 1, graceMs: 300, sweepMs: 60_000 },
    });
    const s = server;
    const [ana, ben] = [await staffAccount(s, 'Ana'), await staffAccount(s, 'Ben')];
    const anaSocket = (await connectStaff(s.url, ana.token)).socket;
    const benSocket = (await connectStaff(s.url, ben.token)).socket;
    sockets.push(anaSocket, benSocket);
    const escalate = async (visitor: string) => {
      const c = await s.service.forVisitor(visitor);
      await s.service.escalate(c.id, 'explicit-human');
      // Distinct waiting times, in this order.
      await new Promise((r) => setTimeout(r, 30));
      return c.id;
    };
    // First and second go to Ana and Ben (capacity 1 each); third and fourth queue.
    const first = await escalate('v_order_1');
    const second = await escalate('v_order_2');
    await waitForCounts(s.db, (c) => c.assigned === 2);
    const third = await escalate('v_order_3');
    const fourth = await escalate('v_order_4');
    expect((await waitForCounts(s.db, (c) => c.waiting === 2)).assigned).toBe(2);
    const bens = (await s.service.require(first)).assigneeId === ben.id ? first : second;
    const anas = bens === first ? second : first;

    // Ben closes his console for good: after the grace period his conversation goes back to the queue — first in it.
    benSocket.disconnect();
    await expect
      .poll(async () => (await s.service.require(bens)).state, { timeout: 20_000, interval: 100 })
      .toBe('waiting_human');
    expect(await s.handoff.assignments.queue()).toEqual([bens, third, fourth]);
    const back = await s.service.require(bens);
    expect(Date.parse(back.waitingSince!)).toBeLessThan(Date.parse((await s.service.require(third)).waitingSince!));

    // Ana closes hers: the freed place goes to the reassigned conversation, not to the one that waited in the queue.
    expect((await request(anaSocket, 'conversation:release', { conversationId: anas, to: 'closed' })).ok).toBe(true);
    await expect
      .poll(async () => (await s.service.require(bens)).assigneeId, { timeout: 20_000, interval: 100 })
      .toBe(ana.id);
    expect((await s.service.require(third)).state).toBe('waiting_human');
    expect((await s.service.require(fourth)).state).toBe('waiting_human');
  }, 120_000);
});
