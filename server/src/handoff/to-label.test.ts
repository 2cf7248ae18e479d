import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
let staff: { socket: StaffClient; token: string };
let customer: ChatClient;
beforeAll(async () => {
  server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
  const account = await staffAccount(server, 'Lena');
  staff = { token: account.token, socket: (await connectStaff(server.url, account.token)).socket };
  customer = (await connectCustomer(server.url)).socket;
});
afterAll(async () => {
  customer?.disconnect();
  staff?.socket.disconnect();
  await server?.close();
});

const queue = async (query = '') => {
  const res = await fetch(`${server.url}/api/console/to-label${query}`, {
    headers: { authorization: `Bearer ${staff.token}` },
  });
  return { status: res.status, body: await res.json() };
};

describe('the "To label" queue', () => {
  it('lists unsure decisions, shows re-labels, leaves out rule decisions, and checks its options', async () => {
    // The test agent layer routes with confidence 0.82, and escalates "human" by rule (never listed).
    const a = await request(customer, 'message:send', { clientId: 'l1', text: 'my invoice looks odd' });
    await request(customer, 'message:send', { clientId: 'l2', text: 'the app shows a blank page' });
    await request(customer, 'message:send', { clientId: 'l3', text: 'I want a human' });
    expect((await queue()).body.items).toEqual([]); // default: below 0.7
    const unsure = (await queue('?below=0.9')).body.items;
    expect(unsure.map((i: { text: string }) => i.text)).toEqual(['the app shows a blank page', 'my invoice looks odd']);
    expect(unsure[1]).toMatchObject({
      agent: 'billing',
      confidence: 0.82,
      reason: 'semantic',
      conversationId: expect.any(String),
    });

    expect(
      await request(staff.socket, 'routing:relabel', { messageId: (a.message as Message).id, agent: 'general' }),
    ).toMatchObject({ ok: true });
    const after = (await queue()).body.items;
    expect(after).toEqual([expect.objectContaining({ text: 'my invoice looks odd', correctedTo: 'general' })]);
    expect((await queue('?corrected=false')).body.items).toEqual([]);

    const bad = await queue('?below=2');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_payload');
    expect((await fetch(`${server.url}/api/console/to-label`)).status).toBe(401);
  });
});
