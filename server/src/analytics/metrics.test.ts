import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ metricsToken: 'metrics-secret' });
});
afterAll(async () => {
  await server?.close();
});

const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?(\d+(\.\d+)?([eE][-+]?\d+)?|NaN|\+Inf|-Inf)( \d+)?$/;

/** Check the Prometheus text exposition format line by line; returns the samples. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    if (line.startsWith('# HELP ')) continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(type);
      typed.add(name);
      continue;
    }
    expect(line, 'sample line').toMatch(SAMPLE);
    const name = line.split(/[{ ]/)[0];
    const family = name.replace(/_(bucket|sum|count|total|created)$/, '');
    expect(
      typed.has(name) || typed.has(family) || typed.has(name.replace(/_(bucket|sum|count)$/, '')),
      `TYPE for ${name}`,
    ).toBe(true);
    samples.set(line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return samples;
}

describe('/metrics', () => {
  it('needs the token when one is configured', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it('is valid Prometheus text and counts real traffic', async () => {
    const { socket } = await connectCustomer(server.url);
    const reply = nextEvent<Message>(socket, 'message', (m) => m.role === 'ai');
    await request(socket, 'message:send', { clientId: 'm1', text: 'hello, can I talk to a person please?' }); // an explicit request hands over at once
    await reply;
    await request(socket, 'message:send', { clientId: 'm2', text: '' });
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret' } });
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const samples = parseExposition(await res.text());
    expect(samples.get('switchboard_connected_sockets{namespace="/chat"}')).toBe(1);
    // The customer asked for a person, so one conversation waits for one (a mere miss would get a clarifying question first).
    expect(samples.get('switchboard_waiting_conversations')).toBe(1);
    expect(
      [...samples]
        .filter(([k]) => k.startsWith('switchboard_embedding_duration_seconds_count'))
        .reduce((sum, [, v]) => sum + v, 0),
    ).toBeGreaterThan(0);
    expect(samples.get('switchboard_messages_total{role="customer",agent=""}')).toBe(1);
    expect(samples.get('switchboard_errors_total{code="text_empty"}')).toBe(1);
    expect(
      [...samples]
        .filter(([k]) => k.startsWith('switchboard_reply_duration_seconds_count'))
        .reduce((sum, [, v]) => sum + v, 0),
    ).toBe(1);
    expect(
      [...samples]
        .filter(([k]) => k.startsWith('switchboard_routing_duration_seconds_count'))
        .reduce((sum, [, v]) => sum + v, 0),
    ).toBe(1);
    expect(samples.get('switchboard_socket_events_total{namespace="/chat",event="message:send"}')).toBe(2);
    expect(
      [...samples.keys()].some((k) => k.startsWith('switchboard_http_requests_total{method="GET",route="/metrics"')),
    ).toBe(true);
    socket.disconnect();
  });
});
