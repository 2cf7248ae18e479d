import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { nextEvent, request, startTestServer } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';

// With auto-assignment, a manual take or transfer respects the person's capacity; an admin may force it (audited).
const pgAvailable = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));
let server: Awaited<ReturnType<typeof startTestServer>>;
let sockets: StaffClient[] = [];

/** A server whose capacity is 1 for everyone, 2 for Tom (his team's; the larger one wins). */
function useServer(databaseUrl?: () => Promise<string>) {
  beforeAll(async () => {
    sockets = [];
    server = await startTestServer({
      agents: escalatingAgents,
      logLevel: 'silent',
      ...(databaseUrl ? { databaseUrl: await databaseUrl() } : {}),
      assignment: {
        capacity: 1,
        graceMs: 60_000,
        sweepMs: 60_000,
        teams: [{ name: 'billing', members: [{ email: 'tom@example.test', capacity: 2 }], agents: ['billing'] }],
      },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });
}

/** Conversations with the AI (not escalated, so auto-assignment leaves them alone); people take them by hand. */
const conversations = (n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => server.service.forVisitor(`v_capacity_${i}`).then((c) => c.id)));

function capacityContract() {
  it('refuses a take or transfer beyond the capacity with assignee_at_capacity; only an admin may force it, and it is audited', async () => {
    const [maria, tom, ada] = [
      await staffAccount(server, 'Maria'),
      await staffAccount(server, 'Tom'),
      await staffAccount(server, 'Ada', 'admin'),
    ];
    const [m, t, a] = await Promise.all(
      [maria, tom, ada].map(async (p) => (await connectStaff(server.url, p.token)).socket),
    );
    sockets.push(m, t, a);
    const [c1, c2, c3, c4, c5] = await conversations(5);

    // Maria (capacity 1) takes one; the second is refused with a message that says why and what to do.
    expect((await request(m, 'conversation:claim', { conversationId: c1 })).ok).toBe(true);
    const refused = await request(m, 'conversation:claim', { conversationId: c2 });
    expect(refused.error).toMatchObject({ code: 'assignee_at_capacity' });
    expect(refused.error.message).toBe('You already hold 1 open conversation, the capacity of 1: close one first.');
    // Not an admin: no override.
    expect((await request(m, 'conversation:claim', { conversationId: c2, force: true })).error.code).toBe('forbidden');
    expect((await server.service.require(c2)).state).toBe('ai');

    // Tom's capacity is 2 (his team's): he takes two, then a transfer to him is refused.
    expect((await request(t, 'conversation:claim', { conversationId: c2 })).ok).toBe(true);
    expect((await request(t, 'conversation:claim', { conversationId: c3 })).ok).toBe(true);
    const toTom = await request(m, 'conversation:transfer', { conversationId: c1, to: tom.id });
    expect(toTom.error.code).toBe('assignee_at_capacity');
    expect(toTom.error.message).toContain('Tom already holds 2 open conversations, the capacity of 2');
    expect((await server.service.require(c1)).assigneeId).toBe(maria.id);

    // Within the capacity a transfer works: Tom hands one to Ada (admin, capacity 1, holding none).
    expect((await request(t, 'conversation:transfer', { conversationId: c3, to: ada.id })).ok).toBe(true);
    // Ada is full now: her own take is refused, and the message offers the override.
    const adaFull = await request(a, 'conversation:claim', { conversationId: c4 });
    expect(adaFull.error.message).toContain('or go ahead anyway (force)');

    // The admin may go beyond her own capacity (audited) …
    expect((await request(a, 'conversation:claim', { conversationId: c4, force: true })).ok).toBe(true);
    // … and moves Maria's conversation to Tom (1 of 2: no force needed), then one more only by force (3 of 2).
    expect((await request(a, 'conversation:transfer', { conversationId: c1, to: tom.id })).ok).toBe(true);
    expect((await request(a, 'conversation:transfer', { conversationId: c3, to: tom.id })).error.code).toBe(
      'assignee_at_capacity',
    );
    const seen = nextEvent<ConversationSummary>(m, 'inbox:upsert', (c) => c.id === c3 && c.assignee?.id === tom.id);
    const forced = await request(a, 'conversation:transfer', { conversationId: c3, to: tom.id, force: true });
    expect(forced.conversation).toMatchObject({ state: 'human', assignee: { id: tom.id } });
    await seen;
    // Maria has room again now that her conversation moved.
    expect((await request(m, 'conversation:claim', { conversationId: c5 })).ok).toBe(true);

    const audit = await server.db.query<{ actor: string; target: string; data: unknown }>(
      "SELECT actor, target, data FROM audit_log WHERE action = 'conversation.capacity_override' ORDER BY id",
    );
    const data = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d);
    expect(audit.map((r) => ({ ...r, data: data(r.data) }))).toEqual([
      { actor: ada.id, target: c4, data: { assignee: ada.id, open: 2, capacity: 1, via: 'take' } },
      { actor: ada.id, target: c3, data: { assignee: tom.id, open: 3, capacity: 2, via: 'transfer' } },
    ]);
    const held = await server.db.query<{ assignee_id: string; n: string }>(
      "SELECT assignee_id, count(*) AS n FROM conversations WHERE state = 'human' GROUP BY assignee_id",
    );
    expect(Object.fromEntries(held.map((r) => [r.assignee_id, Number(r.n)]))).toEqual({
      [maria.id]: 1,
      [tom.id]: 3,
      [ada.id]: 1,
    });
  });

  it('many simultaneous takes by one person: exactly their capacity succeed (the check and the move are one locked step)', async () => {
    const zoe = await staffAccount(server, 'Zoe');
    const z = (await connectStaff(server.url, zoe.token)).socket;
    sockets.push(z);
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => server.service.forVisitor(`v_race_${i}`).then((c) => c.id)),
    );
    const results = await Promise.all(ids.map((id) => request(z, 'conversation:claim', { conversationId: id })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error.code)).toEqual(Array(5).fill('assignee_at_capacity'));
  });
}

describe('manual take and transfer with capacities (embedded database)', () => {
  useServer();
  capacityContract();
});

describe.runIf(pgAvailable)('manual take and transfer with capacities (PostgreSQL)', () => {
  useServer(freshDatabaseUrl);
  capacityContract();
});
