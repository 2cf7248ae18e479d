import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { hashPassword } from './passwords.js';
import { request, startTestServer, type ChatClient } from '../testing/harness.js';
import { proxyTrust } from './client-ip.js';

// Finding 2: behind a proxy the client IP is the right-most untrusted hop, and logins lock per account.
describe('proxyTrust', () => {
  const xff = 'forged-by-client, 6.6.6.6, 198.51.100.7';
  it('ignores X-Forwarded-For when off, and takes the right-most untrusted hop otherwise', () => {
    expect(proxyTrust(false).clientIp('10.0.0.2', xff)).toBe('10.0.0.2');
    expect(proxyTrust(true).clientIp('10.0.0.2', xff)).toBe('198.51.100.7');
    expect(proxyTrust(2).clientIp('10.0.0.2', xff)).toBe('6.6.6.6');
    expect(proxyTrust(['10.0.0.0/8']).clientIp('10.0.0.2', xff)).toBe('198.51.100.7');
    expect(proxyTrust(['10.0.0.0/8', '198.51.100.0/24']).clientIp('10.0.0.2', xff)).toBe('6.6.6.6');
    // A peer that is not a listed proxy cannot pick its address by sending the header itself.
    expect(proxyTrust(['10.0.0.0/8']).clientIp('203.0.113.9', xff)).toBe('203.0.113.9');
    expect(proxyTrust(['loopback']).clientIp('::ffff:127.0.0.1', '2001:db8::1')).toBe('2001:db8::1');
    // More hops configured than present: the left-most is all there is.
    expect(proxyTrust(5).clientIp('10.0.0.2', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('is set by a flag or the environment as a hop count or a list, and refuses nonsense', () => {
    expect(resolveConfig({}, { SWITCHBOARD_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(resolveConfig({}, { SWITCHBOARD_TRUST_PROXY: '10.0.0.0/8, private' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'private',
    ]);
    expect(resolveConfig({ trustProxy: true }, {}).trustProxy).toBe(true);
    expect(() => resolveConfig({}, { SWITCHBOARD_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/trustProxy/);
    expect(() => resolveConfig({}, { SWITCHBOARD_TRUST_PROXY: 'proxy.example.com' })).toThrow(/trustProxy/);
  });
});

let server: Awaited<ReturnType<typeof startTestServer>>;
const sockets: ChatClient[] = [];
/** What a request looks like after our one proxy appended the attacker's real address to a forged header. */
const viaProxy = (realIp: string, i: number) => ({ 'x-forwarded-for': `203.0.113.${i % 250}, ${realIp}` });
const login = (email: string, password: string, headers: Record<string, string>) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });

beforeAll(async () => {
  server = await startTestServer({
    trustProxy: true,
    logLevel: 'silent',
    maxConnectionsPerIp: 5,
    rateIpMessagesPerMinute: 8,
    rateMessagesPerMinute: 0,
    rateRequestsPerMinute: 0,
  });
  await server.staff.create({
    email: 'victim@example.com',
    name: 'Victim',
    role: 'admin',
    passwordHash: await hashPassword('the right password'),
  });
  await server.staff.create({
    email: 'other@example.com',
    name: 'Other',
    role: 'agent',
    passwordHash: await hashPassword('other password 1'),
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('behind a proxy, with forged X-Forwarded-For', () => {
  it("100 wrong passwords lock the attacker's IP and the account; the right password then fails too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++)
      statuses.push((await login('victim@example.com', `guess ${i}`, viaProxy('198.51.100.66', i))).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.slice(-80).every((s) => s === 429)).toBe(true);
    // The IP is locked for every account…
    expect((await login('other@example.com', 'other password 1', viaProxy('198.51.100.66', 7))).status).toBe(429);
    // …and the account is locked from every IP, with a wait the client is told.
    const fromElsewhere = await login('victim@example.com', 'the right password', viaProxy('192.0.2.44', 1));
    expect(fromElsewhere.status).toBe(429);
    expect(Number(fromElsewhere.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account from another IP is unaffected.
    expect((await login('other@example.com', 'other password 1', viaProxy('192.0.2.45', 1))).status).toBe(200);
  }, 60_000);

  it('counts sockets and chat messages per real client, not per forged header', async () => {
    const open = (i: number) =>
      new Promise<{ socket?: ChatClient; code?: string }>((resolve) => {
        const socket: ChatClient = connect(`${server.url}/chat`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: viaProxy('198.51.100.77', i),
        });
        socket.once('session', () => {
          sockets.push(socket);
          resolve({ socket });
        });
        socket.once('connect_error', (err: Error & { data?: { code: string } }) => {
          socket.close();
          resolve({ code: err.data?.code });
        });
      });
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await open(i));
    expect(results.filter((r) => r.socket).length).toBe(5);
    expect(results.slice(5).map((r) => r.code)).toEqual(['rate_limited', 'rate_limited']);
    // 5 sockets of one IP share its 8 messages per minute.
    const acks = [];
    for (let i = 0; i < 10; i++)
      acks.push(await request(results[i % 5].socket!, 'message:send', { clientId: `m${i}`, text: `hello ${i}` }));
    expect(acks.filter((a) => a.ok).length).toBe(8);
    expect(acks.slice(8).map((a) => a.error?.code)).toEqual(['rate_limited', 'rate_limited']);
  }, 60_000);
});
