import { describe, expect, it } from 'vitest';
import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { AgentReply } from './agent-port.js';
import { serviceOnPglite } from './service.test-helpers.js';

const routing: RoutingDecision = { agent: 'billing', confidence: 0.9, alternatives: [], reason: 'semantic' };
const answer: AgentReply = {
  routing,
  agent: 'billing',
  text: 'Refunds reach your card in 5 to 10 days.',
  confidence: 0.9,
  sources: [{ id: 'refunds', title: 'Refunds' }],
  escalate: false,
};

// What the agent layer does while it "writes" the answer: a test sets it per case.
let whileAnswering: (conversationId: string) => Promise<void> = async () => undefined;
// Broadcast events, for the streaming cases.
const sent: Array<[string, unknown]> = [];
const t = serviceOnPglite({
  agents: {
    reply: async (request, stream) => {
      stream?.delta('Refunds reach ');
      await whileAnswering(request.conversationId);
      return answer;
    },
  },
  broadcast: { toConversation: (_id, event, payload) => void sent.push([event, payload]) },
});
const streamEvents = () => sent.filter(([e]) => e.startsWith('message:')).map(([e]) => e);

describe('answering a customer', () => {
  it('stores the AI answer while the AI has the conversation', async () => {
    whileAnswering = async () => undefined;
    const c = await t.store.create({ visitorId: 'v_plain' });
    sent.length = 0;
    const { reply } = await t.service.receiveCustomerMessage(c, { clientId: 'a1', text: 'refund?' });
    const stored = await reply;
    expect(stored).toMatchObject({ role: 'ai', text: answer.text });
    // The stored reply carries the stream's id and replaces it on screen: no stream-end.
    const delta = sent.find(([e]) => e === 'message:delta')?.[1] as { streamId: string };
    expect(stored?.meta?.streamId).toBe(delta.streamId);
    expect(streamEvents()).not.toContain('message:stream-end');
  });

  it('drops the answer when a person took the conversation while it was being written, keeping the routing', async () => {
    // The person's take lands between the agent layer's start and the reply's append (an LLM answer takes seconds).
    whileAnswering = async (id) =>
      void (await t.store.update(id, { state: 'human', assigneeId: 's_1', assigneeName: 'Ann' }));
    const c = await t.store.create({ visitorId: 'v_taken' });
    sent.length = 0;
    const { message, reply } = await t.service.receiveCustomerMessage(c, { clientId: 'a2', text: 'refund?' });
    expect(await reply).toBeUndefined();
    // The text streamed before the take-over is taken down on the customer's screen.
    expect(streamEvents()).toEqual(['message:delta', 'message:stream-end']);
    const [delta, end] = sent.filter(([e]) => e.startsWith('message:')).map(([, p]) => p);
    expect(end).toEqual({ conversationId: c.id, streamId: (delta as { streamId: string }).streamId });
    expect((await t.store.history(c.id, 0, 10)).map((m) => m.role)).toEqual(['customer']);
    expect(await t.store.message(message.id)).toMatchObject({ agent: 'billing', routing });
  });
});
