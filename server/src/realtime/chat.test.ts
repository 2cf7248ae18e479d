import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('/chat realtime protocol', () => {
  it('completes a round trip: ack with the stored message, then the AI reply as a message event', async () => {
    const { socket, session } = await connectCustomer(server.url);
    expect(session.conversationId).toMatch(/^c_/);
    expect(session.visitor.split('.')).toHaveLength(3);
    const reply = nextEvent<Message>(socket, 'message', (m) => m.role === 'ai');
    const ack = await request(socket, 'message:send', { clientId: 'a1', text: '  hello\u0000 there ' });
    expect(ack.ok).toBe(true);
    expect(ack.message).toMatchObject({
      role: 'customer',
      text: 'hello there',
      seq: 1,
      clientId: 'a1',
      conversationId: session.conversationId,
    });
    const ai = await reply;
    expect(ai.seq).toBe(2);
    expect(ai.agent).toBeTruthy();
    expect(ai.routing?.agent).toBeTruthy();
    socket.disconnect();
  });

  it('is idempotent: the same clientId twice stores one message and acks the first', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const first = await request(socket, 'message:send', { clientId: 'same-1', text: 'one' });
    const second = await request(socket, 'message:send', { clientId: 'same-1', text: 'one' });
    expect(second.ok).toBe(true);
    expect(second.duplicate).toBe(true);
    expect(second.message.id).toBe(first.message.id);
    // Concurrent duplicates race inside the store; still exactly one message.
    const burst = await Promise.all(
      [1, 2, 3].map(() => request(socket, 'message:send', { clientId: 'same-2', text: 'two' })),
    );
    expect(new Set(burst.map((b) => b.message.id)).size).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    const h = await request(socket, 'history', { afterSeq: 0 });
    const customer = h.messages.filter((m: Message) => m.role === 'customer');
    expect(customer.map((m: Message) => m.text)).toEqual(['one', 'two']);
    const seqs = h.messages.map((m: Message) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    expect(session.conversationId).toBe(h.messages[0].conversationId);
    socket.disconnect();
  });

  it('gives the same conversation back for the visitor token, and history after reconnect', async () => {
    const a = await connectCustomer(server.url);
    const got = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'ai');
    await request(a.socket, 'message:send', { clientId: 'r1', text: 'before reconnect' });
    await got;
    a.socket.disconnect();
    const b = await connectCustomer(server.url, { visitor: a.session.visitor });
    expect(b.session.conversationId).toBe(a.session.conversationId);
    expect(b.session.visitor).toBe(a.session.visitor);
    expect(b.session.lastSeq).toBeGreaterThanOrEqual(2);
    const h = await request(b.socket, 'history', { afterSeq: 1 });
    expect(h.ok).toBe(true);
    expect(h.messages[0].seq).toBe(2);
    b.socket.disconnect();
  });

  it('gives a forged or foreign token a fresh conversation, never the victim one', async () => {
    const victim = await connectCustomer(server.url);
    const [h, p] = victim.session.visitor.split('.');
    const forged = `${h}.${p}.${'A'.repeat(43)}`;
    const attacker = await connectCustomer(server.url, { visitor: forged });
    expect(attacker.session.conversationId).not.toBe(victim.session.conversationId);
    victim.socket.disconnect();
    attacker.socket.disconnect();
  });

  it('refuses malformed, empty, oversized and unknown events with stable codes, and keeps working', async () => {
    const { socket } = await connectCustomer(server.url);
    const cases: Array<[string, unknown, string]> = [
      ['message:send', null, 'invalid_payload'],
      ['message:send', 'just a string', 'invalid_payload'],
      ['message:send', { clientId: 'x1' }, 'invalid_payload'],
      ['message:send', { clientId: 'x2', text: 42 }, 'invalid_payload'],
      ['message:send', { clientId: 'has space', text: 'hi' }, 'invalid_payload'],
      ['message:send', { clientId: 'x3', text: '   \u0000 ' }, 'text_empty'],
      ['message:send', { clientId: 'x4', text: 'a'.repeat(4001) }, 'text_too_long'],
      ['history', { afterSeq: -1 }, 'invalid_payload'],
      ['history', { afterSeq: 'zero' }, 'invalid_payload'],
      ['feedback', { messageId: 'm_nope', helpful: true }, 'not_found'],
      ['no:such:event', { a: 1 }, 'unknown_event'],
    ];
    for (const [event, payload, code] of cases) {
      const res = await request(socket, event, payload);
      expect(res, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toMatchObject({ ok: false, error: { code } });
      expect(typeof res.error.message).toBe('string');
    }
    const serverError = nextEvent<{ code: string }>(socket, 'server:error');
    (socket as unknown as { emit(e: string): void }).emit('bogus');
    expect((await serverError).code).toBe('unknown_event');
    // Nothing was stored by the bad calls, and the conversation still works.
    const ok = await request(socket, 'message:send', { clientId: 'good', text: 'still fine' });
    expect(ok).toMatchObject({ ok: true, message: { seq: 1 } });
    socket.disconnect();
  });

  it('gives every socket the same listeners: an idle connection holds no closures of its own', async () => {
    const [a, b] = await Promise.all([connectCustomer(server.url), connectCustomer(server.url)]);
    const sockets = [...server.io.of('/chat').sockets.values()];
    const [x, y] = [a, b].map((c) => sockets.find((s) => s.id === c.socket.id)!);
    for (const event of ['message:send', 'history', 'typing', 'disconnect']) {
      expect(x.listeners(event).length).toBeGreaterThan(0);
      expect(x.listeners(event)).toEqual(y.listeners(event));
    }
    expect(x.listenersAny()).toEqual(y.listenersAny());
    // And they still act on the socket they are called for.
    const h = await request(b.socket, 'history', { afterSeq: 0 });
    expect(h).toMatchObject({ ok: true, messages: [] });
    a.socket.disconnect();
    b.socket.disconnect();
  });

  it('rejects a client speaking another protocol version', async () => {
    await expect(connectCustomer(server.url, { protocol: 99 })).rejects.toMatchObject({
      message: 'protocol_mismatch',
      data: { code: 'protocol_mismatch' },
    });
  });

  it('stores feedback on AI answers', async () => {
    const { socket } = await connectCustomer(server.url);
    const reply = nextEvent<Message>(socket, 'message', (m) => m.role === 'ai');
    await request(socket, 'message:send', { clientId: 'f1', text: 'question' });
    const ai = await reply;
    expect(await request(socket, 'feedback', { messageId: ai.id, helpful: false })).toEqual({ ok: true });
    const rows = await server.db.query<{ helpful: boolean }>('SELECT helpful FROM feedback WHERE message_id = $1', [
      ai.id,
    ]);
    expect(rows).toEqual([{ helpful: false }]);
    socket.disconnect();
  });

  it('delivers messages to every tab of the same visitor and typing to the others', async () => {
    const a = await connectCustomer(server.url);
    const b = await connectCustomer(server.url, { visitor: a.session.visitor });
    const seen = nextEvent<Message>(b.socket, 'message', (m) => m.role === 'customer');
    const typing = nextEvent<{ typing: boolean; role: string }>(b.socket, 'typing', (t) => t.role === 'customer');
    a.socket.emit('typing', { typing: true });
    expect((await typing).typing).toBe(true);
    await request(a.socket, 'message:send', { clientId: 't1', text: 'from tab a' });
    expect((await seen).text).toBe('from tab a');
    a.socket.disconnect();
    b.socket.disconnect();
  });
});
