import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';
import { PNG } from './fixtures.js';

// Attachments follow the one ownership rule (security/ownership.ts): a verified user's conversation is theirs only.
const IDENTITY_SECRET = 'attachments-ownership-identity-secret';
const userToken = (sub: string) =>
  new SignJWT({ name: 'Ulla' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(IDENTITY_SECRET));
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ identitySecret: IDENTITY_SECRET, logLevel: 'silent' });
});
afterAll(async () => server?.close());

const headers = (visitor?: string, identity?: string): Record<string, string> => ({
  ...(visitor ? { authorization: `Bearer ${visitor}` } : {}),
  ...(identity ? { 'x-switchboard-identity': identity } : {}),
});
const upload = (conversationId: string, clientId: string, visitor?: string, identity?: string) =>
  fetch(`${server.url}/api/conversations/${conversationId}/attachments?name=a.png&clientId=${clientId}`, {
    method: 'POST',
    body: PNG,
    headers: headers(visitor, identity),
  });
const download = (id: string, visitor?: string, identity?: string) =>
  fetch(`${server.url}/api/attachments/${id}`, { headers: headers(visitor, identity) });

describe('attachment downloads and uploads use owns()', () => {
  it("a verified user reaches their files with their identity token; the browser's visitor token alone, another user, another visitor and nobody do not", async () => {
    const { socket, session } = await connectCustomer(server.url);
    const ulla = await userToken('user-ulla');
    await request(socket, 'identify', { token: ulla });
    const up = await upload(session.conversationId, 'u1', session.visitor, ulla);
    expect(up.status).toBe(201);
    const { attachment } = await up.json();

    expect((await download(attachment.id, session.visitor, ulla)).status).toBe(200);
    // The next person on a shared computer has the same visitor token, but not Ulla's identity.
    expect((await download(attachment.id, session.visitor)).status).toBe(404);
    expect((await upload(session.conversationId, 'u2', session.visitor)).status).toBe(404);
    expect((await download(attachment.id, session.visitor, await userToken('user-other'))).status).toBe(404);
    const stranger = await connectCustomer(server.url);
    expect((await download(attachment.id, stranger.session.visitor)).status).toBe(404);
    const anonymous = await download(attachment.id);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe('unauthorized');
    // A forged identity token is a clear error, not a silent fallback to the visitor token.
    const forged = await download(attachment.id, session.visitor, 'not.a.jwt');
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('token_invalid');
    socket.disconnect();
    stranger.socket.disconnect();
  });
});
