import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { escalatingAgents } from '../testing/handoff.js';
import { verifySignature, type WebhookPayload } from './webhooks.js';

// No sockets here: msw intercepts outgoing HTTP in this process, so the test drives the service directly.
const HOOK = 'https://hooks.example.test/support';
const SECRET = 'webhook-secret-0123456789';
const received: Array<{ body: string; headers: Headers }> = [];
let failuresLeft = 0;
const mock = setupServer(
  http.post(HOOK, async ({ request }) => {
    received.push({ body: await request.text(), headers: request.headers });
    if (failuresLeft > 0) {
      failuresLeft--;
      return new HttpResponse('busy', { status: 503 });
    }
    return HttpResponse.json({ ok: true });
  }),
);

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  mock.listen({ onUnhandledRequest: 'bypass' });
  server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    webhookUrl: HOOK,
    webhookSecret: SECRET,
    webhookRetries: 3,
    publicUrl: 'https://support.example.com',
  });
});
afterAll(async () => {
  await server?.close();
  mock.close();
});

const webhooks = () => server.handoff.deps.webhooks!;
/** Wait (bounded) until `n` calls arrived and nothing is in flight. */
async function calls(n: number): Promise<void> {
  for (let i = 0; i < 100 && received.length < n; i++) await new Promise((r) => setTimeout(r, 50));
  await webhooks().idle();
}
const payloads = () => received.map((r) => JSON.parse(r.body) as WebhookPayload);

describe('webhooks from a running server', () => {
  it('signs an escalation call, retries a 503, and announces customer messages once a person handles the conversation', async () => {
    failuresLeft = 1;
    const conversation = await server.service.forVisitor('v_webhook', { page: 'https://shop.example.com/cart' });
    const { reply } = await server.service.receiveCustomerMessage(conversation, {
      clientId: 'w1',
      text: 'I want a human',
    });
    await reply;
    await calls(2);

    // One 503, then delivered: the same delivery id both times, each signed.
    expect(received).toHaveLength(2);
    const [first, second] = payloads();
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({
      type: 'conversation.escalated',
      conversation: {
        id: conversation.id,
        state: 'waiting_human',
        page: 'https://shop.example.com/cart',
        offline: true,
      },
      consoleUrl: `https://support.example.com/console#${conversation.id}`,
    });
    expect(second.conversation.summary).toMatch(/^Question: I want a human/);
    for (const r of received)
      expect(
        verifySignature(
          SECRET,
          r.headers.get('x-switchboard-signature'),
          r.headers.get('x-switchboard-timestamp'),
          r.body,
        ),
      ).toBe(true);

    // A customer message while waiting for a person is announced; AI-handled conversations stay quiet.
    received.length = 0;
    const waiting = await server.service.require(conversation.id);
    await server.service.receiveCustomerMessage(waiting, { clientId: 'w2', text: 'hello? anyone?' });
    const other = await server.service.forVisitor('v_quiet');
    await (
      await server.service.receiveCustomerMessage(other, { clientId: 'q1', text: 'how do I reset my password' })
    ).reply;
    await calls(1);
    await new Promise((r) => setTimeout(r, 200)); // room for a wrong second call to show up
    expect(payloads().map((p) => [p.type, p.message?.text])).toEqual([['message.customer', 'hello? anyone?']]);
    expect(received[0].headers.get('x-switchboard-event')).toBe('message.customer');
  });
});
