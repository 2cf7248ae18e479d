import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';

// Visitor isolation and host-signed identity, over real sockets and REST.
const IDENTITY_SECRET = 'host-backend-secret-for-tests';
const hostKey = new TextEncoder().encode(IDENTITY_SECRET);
const userToken = (sub: string, claims: Record<string, unknown> = {}, exp: string | number = '10m', key = hostKey) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

let server: Awaited<ReturnType<typeof startTestServer>>;
const open: ChatClient[] = [];
const customer = async (auth: Parameters<typeof connectCustomer>[1] = {}) => {
  const c = await connectCustomer(server.url, auth);
  open.push(c.socket);
  return c;
};
const api = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
  });

beforeAll(async () => {
  server = await startTestServer({ identitySecret: IDENTITY_SECRET });
});
afterAll(async () => {
  for (const s of open) s.disconnect();
  await server?.close();
});

describe('visitor isolation', () => {
  it('never lets one visitor read or write another conversation over sockets', async () => {
    const victim = await customer();
    const reply = nextEvent<{ role: string; id: string }>(victim.socket, 'message', (m) => m.role === 'ai');
    const sent = await request(victim.socket, 'message:send', { clientId: 'v1', text: 'my secret order 1234' });
    expect(sent.ok).toBe(true);
    const aiReply = await reply;

    const attacker = await customer();
    expect(attacker.session.conversationId).not.toBe(victim.session.conversationId);
    // Everything the attacker can name is scoped to their own conversation.
    const history = await request(attacker.socket, 'history', { afterSeq: 0 });
    expect(JSON.stringify(history)).not.toContain('secret order');
    expect(await request(attacker.socket, 'feedback', { messageId: aiReply.id, helpful: false })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    // The victim's room never receives the attacker's messages, and vice versa.
    let leaked = false;
    attacker.socket.on('message', (m: { text: string }) => {
      if (m.text.includes('second secret')) leaked = true;
    });
    await request(victim.socket, 'message:send', { clientId: 'v2', text: 'second secret' });
    await request(attacker.socket, 'history', { afterSeq: 0 });
    expect(leaked).toBe(false);
  });

  it('refuses forged, alg-none, foreign-secret and expired visitor tokens over REST', async () => {
    const owner = await (
      await api('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'private' }) })
    ).json();
    const [, payload] = owner.visitor.split('.');
    const none = `${b64({ alg: 'none' })}.${payload}.`;
    const forged = `${owner.visitor.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(JSON.parse(Buffer.from(payload, 'base64url').toString()).sub)
      .setIssuer('switchboard')
      .setAudience('visitor')
      .sign(new TextEncoder().encode('visitor:another-secret'));
    const expired = (await server.visitors.issue(undefined, '-1s')).token;
    for (const token of [none, forged, foreign, expired, 'garbage']) {
      const read = await api(`/api/conversations/${owner.conversationId}/messages`, { token });
      expect(read.status, token.slice(0, 20)).toBe(401);
      const write = await api('/api/chat', {
        method: 'POST',
        token,
        body: JSON.stringify({ message: 'x', conversationId: owner.conversationId }),
      });
      expect(write.status).toBe(401);
      expect((await write.json()).error.code).toBe('token_invalid');
    }
  });

  it('refuses another valid visitor access to a conversation over REST, with the same answer as for a missing one', async () => {
    const owner = await (
      await api('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'owner text' }) })
    ).json();
    const other = await (
      await api('/api/chat', { method: 'POST', body: JSON.stringify({ message: 'other text' }) })
    ).json();
    const read = await api(`/api/conversations/${owner.conversationId}/messages`, { token: other.visitor });
    expect(read.status).toBe(404);
    const missing = await api('/api/conversations/c_doesnotexist/messages', { token: other.visitor });
    expect(await missing.json()).toEqual(await read.json());
    const write = await api('/api/chat', {
      method: 'POST',
      token: other.visitor,
      body: JSON.stringify({ message: 'inject', conversationId: owner.conversationId }),
    });
    expect(write.status).toBe(403);
    const anonymous = await api('/api/chat', {
      method: 'POST',
      body: JSON.stringify({ message: 'inject', conversationId: owner.conversationId }),
    });
    expect(anonymous.status).toBe(403);
    const messages = (
      await (await api(`/api/conversations/${owner.conversationId}/messages`, { token: owner.visitor })).json()
    ).messages;
    expect(messages.map((m: { text: string }) => m.text)).not.toContain('inject');
  });

  it('gives an expired visitor token a fresh conversation on the socket', async () => {
    const old = await customer();
    const { token } = await server.visitors.issue(undefined, '-1s');
    const again = await customer({ visitor: token });
    expect(again.session.visitor).not.toBe(token);
    expect(again.session.conversationId).not.toBe(old.session.conversationId);
  });

  it('uses unguessable conversation and visitor ids (128 random bits)', async () => {
    const { session } = await customer();
    expect(session.conversationId).toMatch(/^c_[A-Za-z0-9_-]{22}$/);
  });
});

describe('identify with host-signed user tokens', () => {
  it('links the conversation to the user across devices', async () => {
    const laptop = await customer();
    await request(laptop.socket, 'message:send', { clientId: 'l1', text: 'asked on my laptop' });
    const res = await request(laptop.socket, 'identify', {
      token: await userToken('user-1', { name: 'Ada', email: 'ada@example.com' }),
    });
    expect(res).toMatchObject({
      ok: true,
      session: { conversationId: laptop.session.conversationId, user: { id: 'user-1', name: 'Ada', verified: true } },
    });

    // Another device, another visitor: identify follows the user to the laptop's conversation.
    const phone = await customer();
    expect(phone.session.conversationId).not.toBe(laptop.session.conversationId);
    const sessionEvent = nextEvent<{ conversationId: string }>(phone.socket, 'session');
    const linked = await request(phone.socket, 'identify', { token: await userToken('user-1') });
    expect(linked.session.conversationId).toBe(laptop.session.conversationId);
    expect((await sessionEvent).conversationId).toBe(laptop.session.conversationId);
    const history = await request(phone.socket, 'history', { afterSeq: 0 });
    expect(history.messages.map((m: { text: string }) => m.text)).toContain('asked on my laptop');
    // And the phone now receives the conversation's live messages.
    const live = nextEvent<{ text: string }>(phone.socket, 'message', (m) => m.text === 'typed on the laptop');
    await request(laptop.socket, 'message:send', { clientId: 'l2', text: 'typed on the laptop' });
    await live;

    // A third device passing the token at handshake lands there directly.
    const tablet = await customer({ user: await userToken('user-1') });
    expect(tablet.session.conversationId).toBe(laptop.session.conversationId);
    expect(tablet.session.user).toMatchObject({ id: 'user-1', verified: true });
  });

  it('rejects expired, wrongly signed and alg-none user tokens with clear codes', async () => {
    const { socket } = await customer();
    const cases: Array<[string, string]> = [
      [await userToken('user-2', {}, Math.floor(Date.now() / 1000) - 120), 'token_expired'],
      [await userToken('user-2', {}, '10m', new TextEncoder().encode('not-the-host-secret-123')), 'token_invalid'],
      [
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'user-2', exp: Math.floor(Date.now() / 1000) + 600 })}.`,
        'token_invalid',
      ],
      ['a.b.c', 'token_invalid'],
    ];
    for (const [token, code] of cases)
      expect(await request(socket, 'identify', { token })).toMatchObject({ ok: false, error: { code } });
    // At handshake too: the connection is refused with the code, never silently anonymous.
    await expect(connectCustomer(server.url, { user: cases[0][0] })).rejects.toMatchObject({
      data: { code: 'token_expired' },
    });
    await expect(connectCustomer(server.url, { user: cases[2][0] })).rejects.toMatchObject({
      data: { code: 'token_invalid' },
    });
  });

  it('keeps unverified claims apart from verified users: no cross-device link, no takeover', async () => {
    const real = await customer({ user: await userToken('user-3', { name: 'Real' }) });
    await request(real.socket, 'message:send', { clientId: 'r1', text: 'verified user private text' });
    const impostor = await customer();
    const claimed = await request(impostor.socket, 'identify', { id: 'user-3', name: 'Real' });
    expect(claimed).toMatchObject({ ok: true, session: { user: { verified: false } } });
    expect(claimed.session.conversationId).toBe(impostor.session.conversationId);
    const history = await request(impostor.socket, 'history', { afterSeq: 0 });
    expect(JSON.stringify(history)).not.toContain('verified user private text');
  });

  it("does not hand a logged-out user's conversation to the next anonymous visitor of the same browser", async () => {
    const first = await customer();
    await request(first.socket, 'identify', { token: await userToken('user-4') });
    await request(first.socket, 'message:send', { clientId: 'u4', text: 'user four private' });
    first.socket.disconnect();
    const next = await customer({ visitor: first.session.visitor });
    expect(next.session.conversationId).not.toBe(first.session.conversationId);
    expect(JSON.stringify(await request(next.socket, 'history', { afterSeq: 0 }))).not.toContain('user four private');
    // Another user signing in on that browser gets their own conversation, not user-4's.
    const other = await request(next.socket, 'identify', { token: await userToken('user-5') });
    expect(other.session.conversationId).not.toBe(first.session.conversationId);
  });
});

describe('identityRequired', () => {
  it('refuses unverified identify with identity_required', async () => {
    const strict = await startTestServer({ identitySecret: IDENTITY_SECRET, identityRequired: true });
    try {
      const { socket } = await connectCustomer(strict.url);
      expect(await request(socket, 'identify', { id: 'u', name: 'Someone', email: 'a@b.co' })).toMatchObject({
        ok: false,
        error: { code: 'identity_required' },
      });
      expect(await request(socket, 'identify', { token: await userToken('u-ok') })).toMatchObject({
        ok: true,
        session: { user: { id: 'u-ok', verified: true } },
      });
      socket.disconnect();
    } finally {
      await strict.close();
    }
  });
});
