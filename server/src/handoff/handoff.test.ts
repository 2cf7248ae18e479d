import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let maria: { socket: StaffClient; id: string; token: string };
let tom: { socket: StaffClient; id: string; token: string };
const customers: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
  const m = await staffAccount(server, 'Maria');
  const t = await staffAccount(server, 'Tom', 'admin');
  maria = { ...m, socket: (await connectStaff(server.url, m.token)).socket };
  tom = { ...t, socket: (await connectStaff(server.url, t.token)).socket };
});
afterAll(async () => {
  for (const s of [...customers, maria?.socket, tom?.socket]) s?.disconnect();
  await server?.close();
});

async function customer() {
  const c = await connectCustomer(server.url, { page: 'https://shop.example.com/checkout' });
  customers.push(c.socket);
  return c;
}

const upsertOf = (socket: StaffClient, id: string, match: (s: ConversationSummary) => boolean, timeoutMs?: number) =>
  nextEvent<ConversationSummary>(socket, 'inbox:upsert', (s) => s.id === id && match(s), timeoutMs);

describe('human handoff over real sockets (two customers, two agents)', () => {
  it('refuses a staff socket without a valid token', async () => {
    await expect(connectStaff(server.url, 'not-a-token')).rejects.toMatchObject({ message: 'token_invalid' });
  });

  // Latency (the "within a second") is measured by bench/handoff.ts, not asserted here.
  it("shows an escalation live in both agents' inboxes, with a handoff summary", async () => {
    const a = await customer();
    const b = await customer();
    await request(b.socket, 'message:send', { clientId: 'b1', text: 'how do I reset my router?' });
    await request(a.socket, 'message:send', { clientId: 'a1', text: 'my invoice was charged twice' });

    const seen = [maria.socket, tom.socket].map((s) =>
      upsertOf(s, a.session.conversationId, (x) => x.state === 'waiting_human' && !!x.summary),
    );
    const told = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'system');
    await request(a.socket, 'message:send', { clientId: 'a2', text: 'please let me talk to a human' });
    const [forMaria, forTom] = await Promise.all(seen);
    expect(forTom).toEqual(forMaria);
    expect(forMaria).toMatchObject({
      state: 'waiting_human',
      page: 'https://shop.example.com/checkout',
      escalationReason: 'explicit-human',
    });
    expect(forMaria.offline).toBeUndefined();
    expect(forMaria.summary).toBe(
      'Question: my invoice was charged twice\nAI answered: AI: my invoice was charged twice\nEscalated: the customer asked for a person',
    );
    const notice = await told;
    expect(notice.text).toMatch(/connected to a person/);
    expect(notice.meta?.notice).toEqual({ code: 'handoff.waiting' }); // the widget translates by this code

    const list = await request(maria.socket, 'inbox:list', {});
    const ids = list.conversations.map((c: ConversationSummary) => c.id);
    expect(ids).toContain(a.session.conversationId);
    expect(ids).toContain(b.session.conversationId); // AI-handled
    expect(list.conversations.find((c: ConversationSummary) => c.id === b.session.conversationId)).toMatchObject({
      state: 'ai',
      routing: { agent: 'technical', reason: 'semantic' },
    });
  });

  it('lets exactly one of two agents take a conversation when both click at once', async () => {
    const a = await customer();
    const id = a.session.conversationId;
    const waiting = nextEvent(a.socket, 'state', (s: { state: string }) => s.state === 'waiting_human');
    await request(a.socket, 'message:send', { clientId: 'x1', text: 'human please' });
    await waiting;
    const joined = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'system' && /joined/.test(m.text));
    const results = await Promise.all([
      request(maria.socket, 'conversation:claim', { conversationId: id }),
      request(tom.socket, 'conversation:claim', { conversationId: id }),
    ]);
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].error.code).toBe('already_claimed');
    const winner = ok[0].conversation.assignee.name;
    const joinedNotice = await joined;
    expect(joinedNotice.text).toBe(`${winner} joined`);
    expect(joinedNotice.meta?.notice).toEqual({ code: 'handoff.joined', params: { name: winner } });
    const again = await request(maria.socket, 'conversation:claim', { conversationId: id });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_claimed' } });
  });

  it('carries messages and typing both ways, keeps notes internal, re-labels, hands back to the AI, closes and stores CSAT', async () => {
    const a = await customer();
    const id = a.session.conversationId;
    const fromCustomer: Message[] = [];
    a.socket.on('message', (m) => fromCustomer.push(m));
    await request(a.socket, 'message:send', { clientId: 'q1', text: 'I need a refund for order 42' });
    const escalated = upsertOf(maria.socket, id, (s) => s.state === 'waiting_human');
    await request(a.socket, 'message:send', { clientId: 'q2', text: 'a human, now' });
    await escalated;

    const opened = await request(maria.socket, 'conversation:open', { conversationId: id });
    expect(opened.ok).toBe(true);
    const question = opened.messages.find((m: Message) => m.text === 'I need a refund for order 42');
    expect(question.routing).toMatchObject({ agent: 'billing', confidence: 0.82, reason: 'semantic' });
    await request(tom.socket, 'conversation:open', { conversationId: id });
    expect(await request(maria.socket, 'conversation:claim', { conversationId: id })).toMatchObject({
      ok: true,
      conversation: { state: 'human', assignee: { name: 'Maria' } },
    });

    // Staff typing reaches the customer with the name; customer typing reaches the staff watching.
    const staffTyping = nextEvent<{ role: string; name?: string; typing: boolean }>(
      a.socket,
      'typing',
      (t) => t.role === 'human',
    );
    maria.socket.emit('typing', { conversationId: id, typing: true });
    expect(await staffTyping).toMatchObject({ role: 'human', name: 'Maria', typing: true });
    const customerTyping = nextEvent<{ conversationId: string; role: string; typing: boolean }>(
      maria.socket,
      'typing',
      (t) => t.role === 'customer' && t.conversationId === id,
    );
    a.socket.emit('typing', { typing: true });
    expect(await customerTyping).toMatchObject({ typing: true });

    // Agent → customer.
    const reply = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'human');
    const sent = await request(maria.socket, 'message:send', {
      conversationId: id,
      clientId: 'r1',
      text: 'Hi, I am on it.',
    });
    expect(sent).toMatchObject({ ok: true, message: { role: 'human', author: 'Maria' } });
    expect(await reply).toMatchObject({ text: 'Hi, I am on it.', author: 'Maria' });

    // Customer → agent, and the AI stays quiet.
    const toAgent = nextEvent<Message>(
      maria.socket,
      'message',
      (m) => m.role === 'customer' && m.conversationId === id,
    );
    await request(a.socket, 'message:send', { clientId: 'q3', text: 'thank you!' });
    expect((await toAgent).text).toBe('thank you!');

    // Only the assignee answers the customer; an internal note goes to colleagues only.
    expect(
      await request(tom.socket, 'message:send', { conversationId: id, clientId: 't1', text: 'me too' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const noteSeen = nextEvent<Message>(maria.socket, 'message', (m) => m.meta?.internal === true);
    expect(
      await request(tom.socket, 'message:send', {
        conversationId: id,
        clientId: 't2',
        text: 'VIP customer, be nice',
        internal: true,
      }),
    ).toMatchObject({ ok: true });
    expect((await noteSeen).text).toBe('VIP customer, be nice');

    // Re-label the routing of the first question.
    const corrected = nextEvent(tom.socket, 'routing:corrected');
    expect(await request(maria.socket, 'routing:relabel', { messageId: question.id, agent: 'general' })).toMatchObject({
      ok: true,
    });
    expect(await corrected).toMatchObject({
      messageId: question.id,
      agent: 'general',
      originalAgent: 'billing',
      by: 'Maria',
    });
    expect(
      await request(maria.socket, 'routing:relabel', { messageId: question.id, agent: 'astrology' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await request(maria.socket, 'conversation:open', { conversationId: id })).corrections).toEqual({
      [question.id]: 'general',
    });

    // Back to the AI: the customer is told, and the AI answers again.
    const left = nextEvent<Message>(
      a.socket,
      'message',
      (m) => m.role === 'system' && m.text === 'Maria left the chat',
    );
    expect(await request(maria.socket, 'conversation:release', { conversationId: id, to: 'ai' })).toMatchObject({
      ok: true,
      conversation: { state: 'ai' },
    });
    await left;
    const aiAgain = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'ai');
    await request(a.socket, 'message:send', { clientId: 'q4', text: 'one more question about my router' });
    expect((await aiAgain).text).toBe('AI: one more question about my router');

    // Nothing internal ever reached the customer, live or in history.
    const history = await request(a.socket, 'history', { afterSeq: 0 });
    for (const m of [...fromCustomer, ...history.messages]) expect(m.text).not.toMatch(/VIP/);

    // Rating before closing is refused; closing asks for it; the rating is stored with the agent.
    expect(await request(a.socket, 'csat', { rating: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const again = upsertOf(tom.socket, id, (s) => s.state === 'waiting_human');
    await request(a.socket, 'message:send', { clientId: 'q5', text: 'human again please' });
    await again;
    await request(tom.socket, 'conversation:claim', { conversationId: id });
    const csatRequest = nextEvent(a.socket, 'csat:request');
    const closedUpsert = upsertOf(maria.socket, id, (s) => s.state === 'closed');
    expect(await request(tom.socket, 'conversation:release', { conversationId: id, to: 'closed' })).toMatchObject({
      ok: true,
      conversation: { state: 'closed' },
    });
    expect(await csatRequest).toEqual({ conversationId: id });
    await closedUpsert;
    const rated = upsertOf(maria.socket, id, (s) => s.rating === 4);
    expect(await request(a.socket, 'csat', { rating: 4, comment: ' quick and kind ' })).toEqual({ ok: true });
    await rated;
    expect(await server.handoff.csat.forConversation(id)).toMatchObject([
      { rating: 4, comment: 'quick and kind', staffId: tom.id, staffName: 'Tom' },
    ]);
    expect(await request(a.socket, 'csat', { rating: 9 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });

    // The transitions were stored in order.
    const events = await server.db.query<{ type: string; to_state: string }>(
      'SELECT type, to_state FROM conversation_events WHERE conversation_id = $1 ORDER BY id',
      [id],
    );
    expect(events.map((e) => `${e.type}:${e.to_state}`)).toEqual([
      'escalated:waiting_human',
      'claimed:human',
      'released:ai',
      'escalated:waiting_human',
      'claimed:human',
      'closed:closed',
    ]);
  });

  it('stops a console whose account is disabled while it is open', async () => {
    const eve = await staffAccount(server, 'Eve');
    const { socket } = await connectStaff(server.url, eve.token);
    expect(await request(socket, 'inbox:list', {})).toMatchObject({ ok: true });
    await server.staff.update(eve.id, { disabled: true });
    const gone = nextEvent(socket, 'disconnect');
    expect(await request(socket, 'inbox:list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await gone;
    await expect(connectStaff(server.url, eve.token)).rejects.toMatchObject({ message: 'unauthorized' });
  });

  it('reports presence of staff online', async () => {
    const extra = await staffAccount(server, 'Zoe');
    const presence = nextEvent<{ staff: Array<{ name: string }> }>(maria.socket, 'presence', (p) =>
      p.staff.some((s) => s.name === 'Zoe'),
    );
    const zoe = await connectStaff(server.url, extra.token);
    expect((await presence).staff.map((s) => s.name)).toEqual(['Maria', 'Tom', 'Zoe']);
    const gone = nextEvent<{ staff: Array<{ name: string }> }>(
      maria.socket,
      'presence',
      (p) => !p.staff.some((s) => s.name === 'Zoe'),
    );
    zoe.socket.disconnect();
    expect((await gone).staff.map((s) => s.name)).toEqual(['Maria', 'Tom']);
  });
});
