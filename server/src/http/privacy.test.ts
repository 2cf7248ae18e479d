import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

// GDPR export and erasure over REST: every row about the person goes, nothing about anyone else does.
const IDENTITY_SECRET = 'privacy-test-identity-secret';
const ADMIN = 'privacy-admin-token-123';
let server: Awaited<ReturnType<typeof startTestServer>>;
const call = (path: string, token?: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
const count = async (sql: string, params: unknown[]) =>
  (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n;

/** A visitor with a conversation, an AI answer, feedback and an escalation; returns its ids. */
async function personWithData(auth = {}) {
  const { socket, session } = await connectCustomer(server.url, auth);
  const reply = nextEvent<{ id: string; role: string }>(socket, 'message', (m) => m.role === 'ai');
  await request(socket, 'message:send', { clientId: 'p1', text: 'my address is 1 Privacy Lane' });
  await request(socket, 'feedback', { messageId: (await reply).id, helpful: true });
  await server.service.escalate(session.conversationId, 'customer asked for a person');
  const visitorId = JSON.parse(Buffer.from(session.visitor.split('.')[1], 'base64url').toString()).sub as string;
  return { socket, session, visitorId };
}

beforeAll(async () => {
  server = await startTestServer({ identitySecret: IDENTITY_SECRET, adminToken: ADMIN });
});
afterAll(async () => {
  await server?.close();
});

describe('GDPR', () => {
  it("exports and erases a visitor's data, disconnects them, and leaves others untouched", async () => {
    const person = await personWithData();
    const bystander = await personWithData();
    const conv = person.session.conversationId;

    const exported = await call(`/api/visitors/${person.visitorId}/export`, ADMIN);
    expect(exported.status).toBe(200);
    const data = await exported.json();
    expect(data.conversations.map((c: { id: string }) => c.id)).toEqual([conv]);
    expect(data.related.messages.map((m: { text: string }) => m.text)).toContain('my address is 1 Privacy Lane');
    expect(data.related.feedback).toHaveLength(1);
    expect(data.related.conversation_events.length).toBeGreaterThan(0);

    const gone = new Promise<string>((resolve) => person.socket.once('disconnect', resolve));
    const erased = await call(`/api/visitors/${person.visitorId}`, ADMIN, { method: 'DELETE' });
    expect(erased.status).toBe(200);
    expect((await erased.json()).deleted).toMatchObject({ conversations: 1, feedback: 1 });
    expect(await gone).toBe('io server disconnect');
    for (const table of ['messages', 'conversation_events', 'feedback'])
      expect(await count(`${table} WHERE conversation_id = $1`, [conv]), table).toBe(0);
    expect(await count('conversations WHERE visitor_id = $1', [person.visitorId])).toBe(0);
    expect(await count('messages WHERE text LIKE $1', ['%Privacy Lane%'])).toBe(1); // the bystander's copy only
    expect(await count('conversations WHERE id = $1', [bystander.session.conversationId])).toBe(1);
    bystander.socket.disconnect();

    const { entries } = await (await call('/api/admin/audit?action=gdpr.*', ADMIN)).json();
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['gdpr.deleted', 'gdpr.exported']);
    expect(entries[0]).toMatchObject({ target: `visitor:${person.visitorId}`, actor: 'admin-token' });
    const escalations = (await (await call('/api/admin/audit?action=conversation.*', ADMIN)).json()).entries;
    expect(
      escalations.some(
        (e: { action: string; target: string }) => e.action === 'conversation.escalated' && e.target === conv,
      ),
    ).toBe(true);
  });

  it('lets a visitor export and erase only their own data with their own token', async () => {
    const me = await personWithData();
    const other = await personWithData();
    expect((await call(`/api/visitors/${other.visitorId}/export`, me.session.visitor)).status).toBe(403);
    expect((await call(`/api/visitors/${other.visitorId}`, me.session.visitor, { method: 'DELETE' })).status).toBe(403);
    expect((await call(`/api/visitors/${other.visitorId}`, undefined, { method: 'DELETE' })).status).toBe(401);
    expect((await call(`/api/visitors/${me.visitorId}/export`, me.session.visitor)).status).toBe(200);
    expect((await call(`/api/visitors/${me.visitorId}`, me.session.visitor, { method: 'DELETE' })).status).toBe(200);
    expect(await count('conversations WHERE visitor_id = $1', [me.visitorId])).toBe(0);
    expect(await count('conversations WHERE visitor_id = $1', [other.visitorId])).toBe(1);
    other.socket.disconnect();
  });

  it("erases an identified user's conversations from every device", async () => {
    const token = await new SignJWT({ name: 'Erin', email: 'erin@example.com' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('erin-1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(IDENTITY_SECRET));
    const laptop = await personWithData({ user: token });
    const phone = await connectCustomer(server.url, { user: token });
    expect(phone.session.conversationId).toBe(laptop.session.conversationId);
    const data = await (await call('/api/users/erin-1/export', ADMIN)).json();
    expect(data.conversations[0]).toMatchObject({ user_id: 'erin-1', user_email: 'erin@example.com' });
    expect((await call('/api/users/erin-1', ADMIN, { method: 'DELETE' })).status).toBe(200);
    expect(await count('conversations WHERE user_id = $1', ['erin-1'])).toBe(0);
    expect(await count('messages WHERE conversation_id = $1', [laptop.session.conversationId])).toBe(0);
    laptop.socket.disconnect();
    phone.socket.disconnect();
  });
});
