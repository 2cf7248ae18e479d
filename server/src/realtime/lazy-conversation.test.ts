import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ logLevel: 'silent', rateConnectionsPerMinute: 0, maxConnectionsPerIp: 0 });
});
afterAll(() => server?.close());

/** Rows in every table: a connection that writes anything shows up here. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await server.db.query<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  const out: Record<string, number> = {};
  for (const { t } of tables)
    out[t] = Number((await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0].n);
  return out;
}

describe('a conversation is stored at its first message, not at connection', () => {
  it('opening widgets writes nothing; the first message stores the conversation every tab already joined', async () => {
    const before = await rowCounts();
    const idle = await Promise.all(Array.from({ length: 30 }, () => connectCustomer(server.url)));
    const tab1 = idle[0];
    const tab2 = await connectCustomer(server.url, { visitor: tab1.session.visitor });
    expect(tab2.session).toMatchObject({ conversationId: tab1.session.conversationId, lastSeq: 0, state: 'ai' });
    expect(await request(tab2.socket, 'history', { afterSeq: 0 })).toMatchObject({
      ok: true,
      messages: [],
      state: 'ai',
    });
    expect(await rowCounts()).toEqual(before);

    const seenByTab2 = nextEvent<Message>(tab2.socket, 'message', (m) => m.role === 'ai');
    const ack = await request(tab1.socket, 'message:send', { clientId: 'first', text: 'hello' });
    expect(ack.message).toMatchObject({ seq: 1, conversationId: tab1.session.conversationId });
    expect((await seenByTab2).seq).toBe(2);
    const after = await rowCounts();
    expect(after.conversations).toBe(before.conversations + 1);
    // Both tabs speaking at once store it once.
    const other = idle[1];
    const otherTab = await connectCustomer(server.url, { visitor: other.session.visitor });
    await Promise.all([
      request(other.socket, 'message:send', { clientId: 'x1', text: 'one' }),
      request(otherTab.socket, 'message:send', { clientId: 'x2', text: 'two' }),
    ]);
    expect((await rowCounts()).conversations).toBe(before.conversations + 2);
    for (const c of [...idle, tab2, otherTab]) c.socket.disconnect();
  }, 60_000);
});
