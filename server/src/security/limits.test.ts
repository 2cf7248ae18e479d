import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer, type ChatClient } from '../testing/harness.js';

// Origin allow-list, rate limits under a (bounded) flood, connection limits, payload limits and headers.
let server: Awaited<ReturnType<typeof startTestServer>>;
const sockets: ChatClient[] = [];

/** Connect with an explicit Origin header; resolves with the socket or the connect_error. */
function connectFrom(
  url: string,
  origin: string | undefined,
  transports = ['websocket'],
): Promise<{ socket?: ChatClient; error?: Error & { data?: { code: string; retryAfter?: number } } }> {
  const socket: ChatClient = connect(`${url}/chat`, {
    transports,
    reconnection: false,
    forceNew: true,
    extraHeaders: origin ? { origin } : {},
  });
  return new Promise((resolve) => {
    socket.once('session', () => {
      sockets.push(socket);
      resolve({ socket });
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ error });
    });
  });
}

beforeAll(async () => {
  server = await startTestServer({
    allowedOrigins: ['https://shop.example.com', 'https://*.example.org'],
    rateMessagesPerMinute: 5,
    rateMessagesPerHour: 50,
    rateIpMessagesPerMinute: 0,
    rateEventsPerMinute: 30,
    maxBodyBytes: 4096,
    maxSocketBytes: 4096,
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('origin allow-list', () => {
  it('accepts the widget socket from listed origins and wildcard subdomains, refuses others with origin_not_allowed', async () => {
    expect((await connectFrom(server.url, 'https://shop.example.com')).socket).toBeDefined();
    expect((await connectFrom(server.url, 'https://help.example.org')).socket).toBeDefined();
    for (const origin of ['https://evil.example', 'https://shop.example.com.evil.example', 'http://shop.example.com']) {
      const { error } = await connectFrom(server.url, origin);
      expect(error?.data?.code, origin).toBe('origin_not_allowed');
    }
    // Polling transport too.
    expect((await connectFrom(server.url, 'https://evil.example', ['polling'])).error?.data?.code).toBe(
      'origin_not_allowed',
    );
  });

  it('answers CORS preflights only for listed origins and refuses cross-origin API calls from others', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/chat`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const good = await preflight('https://shop.example.com');
    expect(good.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const bad = await preflight('https://evil.example');
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    // A "simple" cross-site POST would run despite CORS; the server refuses it outright.
    const post = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(post.status).toBe(403);
    expect((await post.json()).error.code).toBe('origin_not_allowed');
    const allowed = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { origin: 'https://shop.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
  });
});

describe('rate limits', () => {
  // Buckets refill continuously (`perMinute` tokens a minute): beyond a bucket's size, a run that took `ms` from its
  // first request to its last may have earned this many more.
  const refilled = (perMinute: number, ms: number) => Math.floor((ms * perMinute) / 60_000);

  it('stops a message flood on the socket with rate_limited and retryAfter, per visitor', async () => {
    const { socket } = await connectCustomer(server.url);
    sockets.push(socket);
    const results = [];
    for (let i = 0; i < 12; i++)
      results.push(await request(socket, 'message:send', { clientId: `f${i}`, text: `flood ${i}` }));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(7);
    expect(refused[0].error).toMatchObject({ code: 'rate_limited' });
    expect(refused[0].error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused[0].error.retryAfter).toBeLessThanOrEqual(60);
    // Nothing refused was stored.
    const history = await request(socket, 'history', { afterSeq: 0 });
    expect(history.messages.filter((m: { role: string }) => m.role === 'customer')).toHaveLength(5);
    // Another visitor is unaffected.
    const other = await connectCustomer(server.url);
    sockets.push(other.socket);
    expect(await request(other.socket, 'message:send', { clientId: 'o1', text: 'hello' })).toMatchObject({ ok: true });
  });

  it('limits other socket events per visitor', async () => {
    const { socket } = await connectCustomer(server.url);
    sockets.push(socket);
    let refused = 0;
    for (let i = 0; i < 40; i++) if (!(await request(socket, 'typing', { typing: i % 2 === 0 })).ok) refused++;
    // 30 per minute refills one token every 2 s: 10 refused unless the machine is very slow.
    expect(refused).toBeGreaterThanOrEqual(8);
    expect(refused).toBeLessThanOrEqual(10);
  });

  it('shares the message budget between REST and socket and answers 429 with Retry-After', async () => {
    const { socket, session } = await connectCustomer(server.url);
    sockets.push(socket);
    for (let i = 0; i < 5; i++)
      expect((await request(socket, 'message:send', { clientId: `s${i}`, text: 'x' })).ok).toBe(true);
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.visitor}` },
      body: JSON.stringify({ message: 'one more' }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await res.json()).error).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) });
  });

  it('limits REST requests and staff logins per IP', async () => {
    const strict = await startTestServer({ rateLoginsPerMinute: 3, rateRequestsPerMinute: 20 });
    // The 25 requests (three of them scrypt password checks) once took over 6 s on a loaded machine: two tokens refilled
    // and 17 requests passed where the bucket holds 15 after the logins. So the bound counts what refilled meanwhile.
    try {
      const login = () =>
        fetch(`${strict.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'x@example.com', password: 'guess' }),
        });
      const started = Date.now();
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await login()).status);
      // 3 logins a minute: three are judged (a wrong password), the others refused.
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3).filter((s) => s !== 429).length).toBeLessThanOrEqual(refilled(3, Date.now() - started));
      const more = [];
      for (let i = 0; i < 20; i++) more.push((await fetch(`${strict.url}/api/conversations/c_x/messages`)).status);
      const elapsed = Date.now() - started;
      // 20 requests a minute, 5 spent by the logins: the next 15 pass whatever the speed, more only by refill.
      expect(more.slice(0, 15)).not.toContain(429);
      expect(more.filter((s) => s !== 429).length).toBeLessThanOrEqual(15 + refilled(20, elapsed));
    } finally {
      await strict.close();
    }
  });

  it('limits open sockets and new connections per IP', async () => {
    const strict = await startTestServer({ maxConnectionsPerIp: 3, rateConnectionsPerMinute: 6 });
    const mine: ChatClient[] = [];
    try {
      const firstSocket = Date.now();
      for (let i = 0; i < 3; i++) mine.push((await connectFrom(strict.url, undefined)).socket!);
      const fourth = await connectFrom(strict.url, undefined);
      expect(fourth.error?.data?.code).toBe('rate_limited');
      for (const s of mine.splice(0)) s.disconnect();
      await new Promise((r) => setTimeout(r, 100));
      // Bounded flood of new connections: 6 per minute in total, the refused ones carry retryAfter.
      const outcomes = [];
      for (let i = 0; i < 6; i++) {
        const r = await connectFrom(strict.url, undefined);
        outcomes.push(r);
        r.socket?.disconnect();
        await new Promise((res) => setTimeout(res, 20));
      }
      // 3 of the 6 tokens went to the first sockets (refusal for concurrency spends none): the next 3 pass, more only by
      // what refilled since the first socket (counted from before it, so the bound is never too tight).
      const accepted = outcomes.filter((o) => o.socket).length;
      expect(outcomes.slice(0, 3).every((o) => o.socket)).toBe(true);
      expect(accepted).toBeLessThanOrEqual(3 + refilled(6, Date.now() - firstSocket));
      expect(outcomes.filter((o) => o.error?.data?.code === 'rate_limited').length).toBe(6 - accepted);
      expect(outcomes.find((o) => o.error)!.error!.data!.retryAfter).toBeGreaterThanOrEqual(1);
    } finally {
      for (const s of mine) s.disconnect();
      await strict.close();
    }
  });
});

describe('input limits', () => {
  it('refuses oversized and malformed REST bodies with stable codes', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': type }, body });
    const big = await post(JSON.stringify({ message: 'a'.repeat(10_000) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    for (const body of [
      '{not json',
      '[]',
      '{"message": {"nested": true}}',
      'null',
      '{"message": "hi", "visitor": 5}',
    ]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_payload');
    }
  });

  it('drops oversized socket packets by disconnecting, and strips control and bidi characters from text', async () => {
    const { socket } = await connectCustomer(server.url);
    sockets.push(socket);
    const ack = await request(socket, 'message:send', {
      clientId: 'ctl',
      text: 'pay\u0000 \u202Emoc.live\u202C now\u200B\r\nok',
    });
    expect(ack.ok).toBe(true);
    expect(ack.message.text).toBe('pay moc.live now\nok');
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('message:send', { clientId: 'huge', text: 'x'.repeat(8000) }, () => undefined);
    expect(await disconnected).toMatch(/transport close|transport error|io server disconnect/);
  });
});

describe('security headers', () => {
  it('sets CSP and frame protection on pages, nosniff everywhere, no-store on the API, and keeps widget files embeddable', async () => {
    const page = await startTestServer({ demo: true });
    try {
      const html = await fetch(`${page.url}/`);
      const csp = html.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toContain('unsafe-eval');
      expect(html.headers.get('x-content-type-options')).toBe('nosniff');
      expect(html.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const consolePage = await fetch(`${page.url}/console`);
      if (consolePage.headers.get('content-type')?.includes('text/html')) {
        expect(consolePage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(consolePage.headers.get('x-frame-options')).toBe('DENY');
      }
      const apiRes = await fetch(`${page.url}/api/conversations/c_x/messages`);
      expect(apiRes.headers.get('cache-control')).toBe('no-store');
      expect(apiRes.headers.get('x-content-type-options')).toBe('nosniff');
      const widget = await fetch(`${page.url}/widget.js`);
      expect(widget.headers.get('x-frame-options')).toBeNull();
      if (widget.status === 200) {
        expect(widget.headers.get('access-control-allow-origin')).toBe('*');
        expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      }
    } finally {
      await page.close();
    }
  });
});
