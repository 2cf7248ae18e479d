import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStaff, staffAccount, type StaffClient } from '../testing/handoff.js';
import { connectCustomer, request, startTestServer, type ChatClient } from '../testing/harness.js';

// Custom attributes over real sockets: signed ones in the identity token, unsigned ones from the page, kept apart.
const SECRET = 'host-backend-secret-for-attribute-tests';
const userToken = (sub: string, claims: Record<string, unknown>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));

let server: Awaited<ReturnType<typeof startTestServer>>;
let staff: StaffClient;
const sockets: ChatClient[] = [];
const customer = async () => {
  const c = await connectCustomer(server.url);
  sockets.push(c.socket);
  return c;
};
const summary = async (conversationId: string) => {
  const res = await request(staff, 'conversation:open', { conversationId });
  expect(res.ok).toBe(true);
  return res.conversation;
};

beforeAll(async () => {
  server = await startTestServer({ identitySecret: SECRET, maxAttributes: 3, maxAttributeLength: 20 });
  staff = (await connectStaff(server.url, (await staffAccount(server, 'Attr Agent')).token)).socket;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  staff?.disconnect();
  await server?.close();
});

describe('custom attributes', () => {
  it('keeps signed attributes from the token apart from unsigned ones set by the page; staff see both', async () => {
    const { socket, session } = await customer();
    const token = await userToken('u-attr-1', { name: 'Ada', attributes: { plan: 'pro', ltv: 1200, vip: true } });
    expect((await request(socket, 'identify', { token })).ok).toBe(true);
    // The page claims a different plan: it is stored as unsigned, it never overwrites the signed one.
    expect(await request(socket, 'attributes', { attributes: { plan: 'enterprise', company: 'Acme' } })).toEqual({
      ok: true,
    });
    expect((await summary(session.conversationId)).attributes).toEqual({
      signed: { plan: 'pro', ltv: 1200, vip: true },
      unsigned: { plan: 'enterprise', company: 'Acme' },
    });
    // Merged, and null removes a key.
    expect(await request(socket, 'attributes', { attributes: { company: null, seats: 4 } })).toEqual({ ok: true });
    expect((await summary(session.conversationId)).attributes.unsigned).toEqual({ plan: 'enterprise', seats: 4 });
    // A newer token replaces the signed set as a whole.
    await request(socket, 'identify', { token: await userToken('u-attr-1', { attributes: { plan: 'team' } }) });
    expect((await summary(session.conversationId)).attributes.signed).toEqual({ plan: 'team' });
  });

  it('tells the console live when the page changes attributes', async () => {
    const { socket, session } = await customer();
    await request(socket, 'message:send', { clientId: 'a1', text: 'hello' });
    const seen = new Promise<{ attributes?: unknown }>((resolve) => {
      staff.on('inbox:upsert', (c) => {
        if (c.id === session.conversationId && c.attributes) resolve(c);
      });
    });
    await request(socket, 'attributes', { attributes: { cart: 'c-991' } });
    expect((await seen).attributes).toEqual({ unsigned: { cart: 'c-991' } });
  });

  it('refuses bad keys, long values and too many attributes with invalid_payload and a field; bad signed claims with token_invalid', async () => {
    const { socket, session } = await customer();
    expect(await request(socket, 'attributes', { attributes: { 'bad key': 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'attributes.bad key' },
    });
    expect(await request(socket, 'attributes', { attributes: { note: 'x'.repeat(21) } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'attributes.note' },
    });
    expect(await request(socket, 'attributes', { attributes: { nested: { a: 1 } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    expect(await request(socket, 'attributes', { attributes: { a: 1, b: 2, c: 3, d: 4 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    // Within the limit per call, but the merged result would exceed it: refused, nothing stored.
    expect(await request(socket, 'attributes', { attributes: { a: 1, b: 2 } })).toEqual({ ok: true });
    expect(await request(socket, 'attributes', { attributes: { c: 3, d: 4 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload', field: 'attributes' },
    });
    expect((await summary(session.conversationId)).attributes).toEqual({ unsigned: { a: 1, b: 2 } });
    const token = await userToken('u-attr-2', { attributes: { a: 1, b: 2, c: 3, d: 4 } });
    expect(await request(socket, 'identify', { token })).toMatchObject({ ok: false, error: { code: 'token_invalid' } });
  });

  it('deletes attributes with the conversation on GDPR erase', async () => {
    const { socket, session } = await customer();
    await request(socket, 'identify', { token: await userToken('u-attr-erase', { attributes: { plan: 'pro' } }) });
    await request(socket, 'attributes', { attributes: { company: 'Gone Ltd' } });
    await server.security.privacy.erase({ userId: 'u-attr-erase' });
    const rows = await server.db.query('SELECT 1 FROM conversations WHERE id = $1', [session.conversationId]);
    expect(rows).toEqual([]);
  });
});
