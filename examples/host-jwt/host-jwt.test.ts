import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type ChatClient } from '../../server/src/testing/harness.js';
import { createHostApp, signIdentity } from './host.js';

const SECRET = 'example-identity-secret-for-tests';
let switchboard: Awaited<ReturnType<typeof startTestServer>>;
let host: ServerType;
let hostUrl: string;
const sockets: ChatClient[] = [];

/** A widget connection from the shop's origin; resolves with its session. */
function device(auth: { user?: string } = {}) {
  const socket: ChatClient = connect(`${switchboard.url}/chat`, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin: hostUrl },
  });
  sockets.push(socket);
  return new Promise<{
    socket: ChatClient;
    session: { conversationId: string; user?: { id: string; verified: boolean } };
  }>((resolve, reject) => {
    socket.once('session', (session) => resolve({ socket, session }));
    socket.once('connect_error', reject);
  });
}

beforeAll(async () => {
  // The host must listen first: its origin goes into Switchboard's allow-list.
  host = serve({
    fetch: createHostApp({ identitySecret: SECRET, switchboardUrl: 'http://placeholder' }).fetch,
    port: 0,
    hostname: '127.0.0.1',
  });
  await new Promise((r) => host.once('listening', r));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  switchboard = await startTestServer({ identitySecret: SECRET, allowedOrigins: [hostUrl] });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await switchboard?.close();
  await new Promise((r) => host?.close(r));
});

describe('examples/host-jwt', () => {
  it('serves a page that loads the widget and identifies the user', async () => {
    const page = await (await fetch(`${hostUrl}/`)).text();
    expect(page).toContain('/widget.js');
    expect(page).toContain("Switchboard('identify', { token: b.token })");
  });

  it("links the host user's conversation across two devices through the real server", async () => {
    const { token } = await (await fetch(`${hostUrl}/switchboard-token`)).json();
    const laptop = await device();
    const identified = await request(laptop.socket, 'identify', { token });
    expect(identified).toMatchObject({
      ok: true,
      session: { user: { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.com', verified: true } },
    });
    await request(laptop.socket, 'message:send', { clientId: 'h1', text: 'Where is my parcel?' });

    const phone = await device({ user: (await (await fetch(`${hostUrl}/switchboard-token`)).json()).token });
    expect(phone.session.conversationId).toBe(identified.session.conversationId);
    const history = await request(phone.socket, 'history', { afterSeq: 0 });
    expect(history.messages.map((m: { text: string }) => m.text)).toContain('Where is my parcel?');

    // Another user of the shop gets their own conversation.
    const grace = await device({ user: (await (await fetch(`${hostUrl}/switchboard-token?as=grace`)).json()).token });
    expect(grace.session.conversationId).not.toBe(identified.session.conversationId);
  });

  it('is refused when the token is tampered with, signed with another secret, or expired', async () => {
    const { token } = await (await fetch(`${hostUrl}/switchboard-token`)).json();
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user-grace' })).toString('base64url')}.${s}`;
    const foreign = await signIdentity(
      { id: 'user-ada', name: 'A', email: 'a@example.com' },
      'some-other-secret-entirely',
    );
    const { socket } = await device();
    expect(await request(socket, 'identify', { token: tampered })).toMatchObject({
      ok: false,
      error: { code: 'token_invalid' },
    });
    expect(await request(socket, 'identify', { token: foreign })).toMatchObject({
      ok: false,
      error: { code: 'token_invalid' },
    });
    const expired = `${h}.${Buffer.from(JSON.stringify({ ...claims, exp: 1 })).toString('base64url')}.${s}`;
    expect((await request(socket, 'identify', { token: expired })).error.code).toBe('token_invalid'); // edited payload: signature fails first
  });
});
