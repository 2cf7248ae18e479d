import pino from 'pino';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';

// Finding 9: every customer-supplied string goes through the message normaliser (NUL, bidi overrides, zero-width).
const logLines: string[] = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
const IDENTITY_SECRET = 'normalise-test-identity-secret';
const MARK = 'ZZmarkerZZ';
const DIRTY = `${MARK}\u0000Eve\u202Egnp.exe\u200B`;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ logger, identitySecret: IDENTITY_SECRET });
});
afterAll(async () => {
  await server?.close();
});

describe('customer strings besides messages', () => {
  it('handshake page, identify name/id, identity-token name and CSAT comment are normalised; a NUL byte is no 500 and never logged', async () => {
    const { socket, session } = await connectCustomer(server.url, { page: `https://shop.example.com/${DIRTY}` });
    const id = session.conversationId;
    // Connecting stores nothing; the first message stores the conversation with the handshake's page.
    expect(await request(socket, 'message:send', { clientId: 'n1', text: 'hi' })).toMatchObject({ ok: true });
    expect((await server.service.require(id)).page).toBe(`https://shop.example.com/${MARK}Evegnp.exe`);

    expect(await request(socket, 'identify', { id: `u-${DIRTY}`, name: DIRTY })).toMatchObject({ ok: true });
    const claimed = await server.service.require(id);
    expect(claimed.userName).toBe(`${MARK}Evegnp.exe`);
    expect(claimed.userId).toBe(`unverified:u-${MARK}Evegnp.exe`);

    await server.handoff.release(id, { id: 's_test', name: 'Tester', role: 'admin', kind: 'session' }, 'closed');
    expect(await request(socket, 'csat', { rating: 4, comment: DIRTY })).toMatchObject({ ok: true });
    const csat = await server.db.query<{ comment: string }>('SELECT comment FROM csat WHERE conversation_id = $1', [
      id,
    ]);
    expect(csat[0].comment).toBe(`${MARK}Evegnp.exe`);
    socket.disconnect();

    const signed = await new SignJWT({ name: DIRTY })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-n')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(IDENTITY_SECRET));
    const second = await connectCustomer(server.url, { user: signed });
    expect((await server.service.require(second.session.conversationId)).userName).toBe(`${MARK}Evegnp.exe`);
    second.socket.disconnect();

    const log = logLines.join('\n');
    expect(log).not.toMatch(/"level":50/); // nothing at error level
    expect(log).not.toContain('\\u0000');
    expect(log).not.toContain('\\u202e');
  });
});
