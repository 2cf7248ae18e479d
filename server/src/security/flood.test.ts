import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCustomer, request, startTestServer, type ChatClient } from '../testing/harness.js';

// Findings 4 and 5: visitor limits wherever the token arrives, before validation; unknown events bounded everywhere.
const logLines: string[] = [];
const logger = pino(
  { level: 'warn' },
  new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
let server: Awaited<ReturnType<typeof startTestServer>>;
const sockets: ChatClient[] = [];
const customer = async () => {
  const c = await connectCustomer(server.url);
  sockets.push(c.socket);
  return c;
};
const chat = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const seriesCount = async () =>
  (await (await fetch(`${server.url}/metrics`)).text()).split('\n').filter((l) => l && !l.startsWith('#')).length;

beforeAll(async () => {
  server = await startTestServer({
    logger,
    rateMessagesPerMinute: 5,
    rateIpMessagesPerMinute: 0,
    rateEventsPerMinute: 100,
    rateRequestsPerMinute: 0,
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe('per-visitor limits on POST /api/chat', () => {
  it('count a visitor token given in the body like one in a header', async () => {
    // The first call has no token yet (it is issued one), so the visitor's bucket starts full after it.
    const first = await (await chat({ message: 'one' })).json();
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await chat({ message: `more ${i}`, visitor: first.visitor })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // The same bucket whichever way the token comes.
    expect((await chat({ message: 'header' }, { 'x-switchboard-visitor': first.visitor })).status).toBe(429);
  });

  it('count invalid payloads too (the limit runs before validation)', async () => {
    const first = await (await chat({ message: 'one' })).json();
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await chat({ message: { not: 'text' }, visitor: first.visitor })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});

describe('socket events', () => {
  it('rate-limit invalid payloads like valid ones', async () => {
    const { socket } = await customer();
    // One burst, so the bucket (100 a minute, one token back every 600 ms) barely refills while it is answered; the
    // tokens that did come back in that time are allowed for, so a slow machine does not fail the test.
    const started = Date.now();
    const acks = await Promise.all(
      Array.from({ length: 105 }, () => request(socket, 'history', { afterSeq: 'not a number' })),
    );
    const refilled = Math.floor(((Date.now() - started) * 100) / 60_000);
    const codes = acks.map((a) => a.error.code);
    expect(codes.slice(0, 100).every((c) => c === 'invalid_payload')).toBe(true);
    expect(codes.slice(100).filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(5 - refilled);
    expect(codes.every((c) => c === 'invalid_payload' || c === 'rate_limited')).toBe(true);
  });

  it('3,000 unknown events add no /metrics series, are limited after the event budget, and log a handful of lines', async () => {
    // Warm-up by another visitor, so every series the flood may touch (event and error labels, /metrics itself) exists.
    const warm = await customer();
    await Promise.all(Array.from({ length: 120 }, (_, i) => request(warm.socket, `warm-${i}`, {})));
    await seriesCount();
    const { socket } = await customer();
    await request(socket, 'history', { afterSeq: 0 });
    await request(socket, 'no-such-event-warmup', {});
    const before = await seriesCount();
    const warningsBefore = logLines.filter((l) => l.includes('unknown chat event')).length;
    const acks = await Promise.all(Array.from({ length: 3000 }, (_, i) => request(socket, `evil-${i}`, {}, 30_000)));
    const codes = acks.map((a) => a.error.code);
    // 100 per minute (two spent by the warm-up); a slow run may refill a few while the flood is answered.
    expect(codes.filter((c) => c === 'unknown_event').length).toBeLessThanOrEqual(110);
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(2890);
    expect(await seriesCount()).toBe(before);
    expect(logLines.filter((l) => l.includes('unknown chat event')).length - warningsBefore).toBeLessThanOrEqual(3);
    expect(logLines.join('\n')).not.toContain('evil-2999');
  }, 60_000);
});
