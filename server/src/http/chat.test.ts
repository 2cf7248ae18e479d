import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 8192 });
});
afterAll(async () => {
  await server?.close();
});

describe('REST API', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toMatchObject({ ok: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { database: true } });
  });

  it('sends a "couldn\'t find" reply without a confidence, as it is not an answer', async () => {
    // No knowledge base here: a help-centre question is a gap.
    const body = await (await post({ message: 'how do I reset the password of my router' })).json();
    expect(body.reply.meta).toMatchObject({ gap: true });
    expect(body.reply.confidence).toBeUndefined();
    expect(body.confidence).toBeNull();
    expect(body.reply.routing.confidence).toBeGreaterThan(0);
  });

  it('POST /api/chat runs the same pipeline as the socket and returns the reply and a visitor token', async () => {
    const res = await post({ message: 'hello from REST' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.conversationId).toMatch(/^c_/);
    expect(body.message).toMatchObject({ role: 'customer', text: 'hello from REST', seq: 1 });
    expect(body.reply).toMatchObject({ role: 'ai', seq: 2, conversationId: body.conversationId });
    expect(body.agent).toBe(body.reply.agent);
    // A clarifying question or a prompt is not an answer: it carries no confidence (null), an answer a number.
    expect(body.confidence === null || typeof body.confidence === 'number').toBe(true);
    expect(Array.isArray(body.sources)).toBe(true);

    // The socket with the same visitor token sees the REST conversation.
    const { socket, session } = await connectCustomer(server.url, { visitor: body.visitor });
    expect(session.conversationId).toBe(body.conversationId);
    const h = await request(socket, 'history', { afterSeq: 0 });
    expect(h.messages.map((m: { text: string }) => m.text)[0]).toBe('hello from REST');
    socket.disconnect();

    // A second REST call continues the conversation, idempotently per clientId.
    const again = await (
      await post({ message: 'second', visitor: body.visitor, conversationId: body.conversationId, clientId: 'k1' })
    ).json();
    const dup = await (await post({ message: 'second', visitor: body.visitor, clientId: 'k1' })).json();
    expect(again.message.seq).toBeGreaterThan(body.reply.seq);
    expect(dup.message.id).toBe(again.message.id);
    expect(dup.reply).toBeNull();
  });

  it('GET /api/conversations/:id/messages is for the owner only', async () => {
    const a = await (await post({ message: 'mine' })).json();
    const b = await (await post({ message: 'theirs' })).json();
    const own = await fetch(`${server.url}/api/conversations/${a.conversationId}/messages?afterSeq=1`, {
      headers: { authorization: `Bearer ${a.visitor}` },
    });
    expect(own.status).toBe(200);
    const body = await own.json();
    const seqs = body.messages.map((m: { seq: number }) => m.seq);
    expect(seqs[0]).toBe(2);
    expect(seqs.every((s: number) => s > 1)).toBe(true);
    const other = await fetch(`${server.url}/api/conversations/${a.conversationId}/messages`, {
      headers: { authorization: `Bearer ${b.visitor}` },
    });
    expect(other.status).toBe(404);
    const none = await fetch(`${server.url}/api/conversations/${a.conversationId}/messages`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('unauthorized');
    // Writing into someone else's conversation is refused too.
    const write = await post({ message: 'intrude', visitor: b.visitor, conversationId: a.conversationId });
    expect(write.status).toBe(403);
  });

  it('refuses bad input with stable codes', async () => {
    const cases: Array<[unknown, number, string]> = [
      ['{not json', 400, 'invalid_payload'],
      [{}, 400, 'invalid_payload'],
      [{ message: 12 }, 400, 'invalid_payload'],
      [{ message: '   ' }, 400, 'text_empty'],
      [{ message: 'x'.repeat(4001) }, 413, 'text_too_long'],
      [{ message: 'x'.repeat(9000) }, 413, 'payload_too_large'],
      [{ message: 'hi', visitor: 'forged.token.here' }, 401, 'token_invalid'],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    const unknown = await fetch(`${server.url}/api/nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });
});
