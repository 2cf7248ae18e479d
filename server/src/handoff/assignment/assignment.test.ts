import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { nextEvent, request, startTestServer } from '../../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../../testing/handoff.js';
import { waitForCounts } from './world.test-helpers.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const servers: Server[] = [];
const sockets: StaffClient[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const s of servers) await s.close();
});

/** A server with auto-assignment, five people online, and `n` conversations escalated at the same moment. */
async function world(assignment: Record<string, unknown>, n = 100) {
  const server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    assignment: { graceMs: 400, sweepMs: 60_000, ...assignment },
  });
  servers.push(server);
  const people = [];
  for (const name of ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli']) {
    const account = await staffAccount(server, name);
    const { socket } = await connectStaff(server.url, account.token);
    sockets.push(socket);
    people.push({ ...account, socket });
  }
  const conversations = await Promise.all(
    Array.from({ length: n }, (_, i) => server.service.forVisitor(`v_assign_${i}`)),
  );
  await Promise.all(conversations.map((c) => server.service.escalate(c.id, 'explicit-human')));
  return { server, people, ids: conversations.map((c) => c.id) };
}

describe('auto-assignment on the embedded database (five people online)', () => {
  it('round-robin: 100 simultaneous escalations give each person 20, a reload keeps them, going offline reassigns', async () => {
    // A grace period a reconnect fits in even on a busy machine (400 ms did not: the reload below lost Dev's
    // conversations when his new console took longer than that to connect).
    const graceMs = 5_000;
    const { server, people } = await world({ strategy: 'round-robin', capacity: 25, graceMs });
    const settled = await waitForCounts(server.db, (c) => c.assigned === 100);
    expect(Object.keys(settled.perAssignee).sort()).toEqual(people.map((p) => p.id).sort());
    for (const n of Object.values(settled.perAssignee)) expect(Math.abs(n - 20)).toBeLessThanOrEqual(1);
    expect(settled.peak).toBeLessThanOrEqual(25);
    expect(settled.waiting).toBe(0);

    // The console shows the assignee, and the audit log names the decision.
    const [ana, , , dev, eli] = people;
    const inbox = await request(ana.socket, 'inbox:list', {});
    const mine = inbox.conversations.filter((c: ConversationSummary) => c.assignee?.id === ana.id);
    expect(mine).toHaveLength(settled.perAssignee[ana.id]);
    expect(mine[0]).toMatchObject({ state: 'human', assignee: { id: ana.id, name: 'Ana' } });
    const audited = async (action: string, assignee?: string) =>
      Number(
        (
          await server.db.query<{ n: string }>(
            "SELECT count(*) AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR data->>'assignee' = $2)",
            [action, assignee ?? null],
          )
        )[0].n,
      );
    // Written right after each decision commits (the counts above can be seen a moment earlier).
    await expect.poll(() => audited('conversation.assigned'), { timeout: 30_000 }).toBe(100);
    const heldBy = async (id: string) =>
      (await server.db.query<{ id: string }>('SELECT id FROM conversations WHERE assignee_id = $1', [id])).map(
        (r) => r.id,
      );
    const devHad = await heldBy(dev.id);

    // A page reload: Dev's console disconnects and comes back within the grace period.
    dev.socket.disconnect();
    sockets.push((await connectStaff(server.url, dev.token)).socket);

    // Eli closes the console for good: after the grace period his conversations go to the others, up to their capacity.
    // His grace timer starts after Dev's came back and lasts as long, so once his conversations moved, the sweep after
    // Dev's grace period has run too (timers of one length fire in the order they were set): no fixed wait.
    const eliHad = settled.perAssignee[eli.id];
    const moved = nextEvent<ConversationSummary>(
      ana.socket,
      'inbox:upsert',
      (c) => c.state === 'human' && c.assignee?.id !== eli.id && settled.perAssignee[c.assignee!.id] !== undefined,
      graceMs + 30_000,
    );
    eli.socket.disconnect();
    await moved;
    const after = await waitForCounts(server.db, (c) => !c.perAssignee[eli.id] && c.waiting === 0);
    expect(after.assigned).toBe(100);
    expect(after.peak).toBeLessThanOrEqual(25);
    expect(eliHad).toBeGreaterThan(0);
    await expect.poll(() => audited('conversation.unassigned'), { timeout: 30_000 }).toBe(eliHad);
    // The reload kept every conversation Dev had (he may have taken some of Eli's on top).
    expect(await audited('conversation.unassigned', dev.id)).toBe(0);
    expect(await heldBy(dev.id)).toEqual(expect.arrayContaining(devHad));
  }, 180_000);

  it('capacity 10: 50 assigned and 50 queued, then the queue drains as people close conversations', async () => {
    const { server, people } = await world({ strategy: 'least-busy', capacity: 10 });
    const full = await waitForCounts(server.db, (c) => c.assigned === 50);
    expect(full.waiting).toBe(50);
    for (const n of Object.values(full.perAssignee)) expect(n).toBe(10);
    await new Promise((r) => setTimeout(r, 300));
    expect((await waitForCounts(server.db, () => true)).assigned).toBe(50); // nothing more while everyone is full

    // Everyone closes what they hold: the 50 queued are assigned at once; closing those empties the inbox.
    let peak = full.peak;
    for (let round = 0; round < 2; round++) {
      const held = await server.db.query<{ id: string; assignee_id: string }>(
        "SELECT id, assignee_id FROM conversations WHERE state = 'human'",
      );
      expect(held).toHaveLength(50);
      await Promise.all(
        held.map((h) =>
          request(
            people.find((p) => p.id === h.assignee_id)!.socket,
            'conversation:release',
            { conversationId: h.id, to: 'closed' },
            60_000,
          ),
        ),
      );
      const next = await waitForCounts(server.db, (c) =>
        round === 0 ? c.assigned === 50 && c.waiting === 0 : c.assigned === 0 && c.waiting === 0,
      );
      peak = Math.max(peak, next.peak);
    }
    expect(peak).toBeLessThanOrEqual(10);
    const closed = await server.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM conversations WHERE state = 'closed'",
    );
    expect(Number(closed[0].n)).toBe(100);
  }, 180_000);
});
