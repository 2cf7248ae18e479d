import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';

// Manual transfer: the holder (or an admin) hands a conversation to a named colleague.
let server: Awaited<ReturnType<typeof startTestServer>>;
const sockets: Array<StaffClient | ChatClient> = [];
beforeAll(async () => {
  server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('conversation:transfer', () => {
  it('moves a held conversation to a colleague, tells the customer and every console; others are refused with stable codes', async () => {
    const [maria, tom, ann] = [
      await staffAccount(server, 'Maria'),
      await staffAccount(server, 'Tom'),
      await staffAccount(server, 'Ann'),
    ];
    const [m, t, a] = await Promise.all(
      [maria, tom, ann].map(async (p) => (await connectStaff(server.url, p.token)).socket),
    );
    sockets.push(m, t, a);
    const customer = await connectCustomer(server.url);
    sockets.push(customer.socket);
    const id = customer.session.conversationId;
    const waiting = nextEvent(customer.socket, 'state', (s: { state: string }) => s.state === 'waiting_human');
    await request(customer.socket, 'message:send', { clientId: 'h1', text: 'a human please' });
    await waiting;

    expect((await request(m, 'conversation:transfer', { conversationId: id, to: tom.id })).error.code).toBe(
      'invalid_transition',
    );
    expect((await request(m, 'conversation:claim', { conversationId: id })).ok).toBe(true);
    expect((await request(a, 'conversation:transfer', { conversationId: id, to: ann.id })).error.code).toBe(
      'forbidden',
    );
    expect((await request(m, 'conversation:transfer', { conversationId: id, to: 's_nobody' })).error.code).toBe(
      'not_found',
    );
    expect((await request(m, 'conversation:transfer', { conversationId: id })).error.code).toBe('invalid_payload');

    const seen = nextEvent<ConversationSummary>(a, 'inbox:upsert', (c) => c.id === id && c.assignee?.id === tom.id);
    const told = nextEvent<Message>(
      customer.socket,
      'message',
      (x) => x.role === 'system' && /Tom joined/.test(x.text),
    );
    const moved = await request(m, 'conversation:transfer', { conversationId: id, to: tom.id });
    expect(moved.conversation).toMatchObject({ state: 'human', assignee: { id: tom.id, name: 'Tom' } });
    await Promise.all([seen, told]);
    // Only the new holder replies now.
    expect(
      (await request(m, 'message:send', { conversationId: id, clientId: 'r1', text: 'still me?' })).error.code,
    ).toBe('forbidden');
    expect((await request(t, 'message:send', { conversationId: id, clientId: 'r2', text: 'Tom here' })).ok).toBe(true);
  });
});
