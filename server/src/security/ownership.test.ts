import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';
import { owns } from './ownership.js';

// Finding 3: one ownership rule for socket, REST chat and GDPR routes (the shared-computer case).
const IDENTITY_SECRET = 'ownership-test-identity-secret';
const userToken = (sub: string) =>
  new SignJWT({ name: 'Ulla' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(IDENTITY_SECRET));
let server: Awaited<ReturnType<typeof startTestServer>>;
const call = (path: string, visitor: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor}` },
  });

beforeAll(async () => {
  server = await startTestServer({ identitySecret: IDENTITY_SECRET, logLevel: 'silent' });
});
afterAll(async () => {
  await server?.close();
});

describe('owns', () => {
  it("gives a verified user's conversation to that user only, any other to its visitor", () => {
    expect(owns({ visitorId: 'v1' }, { visitorId: 'v1' })).toBe(true);
    expect(owns({ visitorId: 'v1', userId: 'unverified:x' }, { visitorId: 'v1' })).toBe(true);
    expect(owns({ visitorId: 'v1' }, { visitorId: 'v2' })).toBe(false);
    expect(owns({ visitorId: 'v1', userId: 'u1' }, { visitorId: 'v1' })).toBe(false);
    expect(owns({ visitorId: 'v1', userId: 'u1' }, { visitorId: 'v9', userId: 'u1' })).toBe(true);
    expect(owns({ visitorId: 'v1', userId: 'u1' }, { visitorId: 'v1', userId: 'u2' })).toBe(false);
  });
});

describe('the visitor token of a shared browser where a verified user chatted', () => {
  it("opens none of that user's conversation over REST: history, chat, export, erase", async () => {
    const { socket, session } = await connectCustomer(server.url);
    await request(socket, 'identify', { token: await userToken('user-shared') });
    await request(socket, 'message:send', { clientId: 'p1', text: 'my private order 4711' });
    socket.disconnect();
    const visitor = session.visitor;
    const visitorId = JSON.parse(Buffer.from(visitor.split('.')[1], 'base64url').toString()).sub as string;
    const conv = session.conversationId;

    expect((await call(`/api/conversations/${conv}/messages`, visitor)).status).toBe(404);

    const chat = await call('/api/chat', visitor, { method: 'POST', body: JSON.stringify({ message: 'hi again' }) });
    expect(chat.status).toBe(200);
    const chatted = await chat.json();
    expect(chatted.conversationId).not.toBe(conv);
    expect(
      (
        await call('/api/chat', visitor, {
          method: 'POST',
          body: JSON.stringify({ message: 'x', conversationId: conv }),
        })
      ).status,
    ).toBe(403);

    const exported = await call(`/api/visitors/${visitorId}/export`, visitor);
    expect(exported.status).toBe(200);
    const text = JSON.stringify(await exported.json());
    expect(text).not.toContain('4711');
    expect(text).not.toContain(conv);

    expect((await call(`/api/visitors/${visitorId}`, visitor, { method: 'DELETE' })).status).toBe(200);
    const left = await server.db.query<{ text: string }>('SELECT text FROM messages WHERE conversation_id = $1', [
      conv,
    ]);
    expect(left.map((m) => m.text)).toContain('my private order 4711');
    // The anonymous conversation the REST call made is the visitor's own and was erased.
    expect(await server.db.query('SELECT id FROM conversations WHERE id = $1', [chatted.conversationId])).toEqual([]);
  });
});
