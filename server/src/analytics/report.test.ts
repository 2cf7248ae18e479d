import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentLayer } from '../agents/types.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

/** A scripted agent layer: deterministic routes, answers and escalations so the figures are known exactly. */
const scripted: AgentLayer = {
  async reply({ message }) {
    const text = message.text;
    if (text.includes('person'))
      return {
        routing: { agent: 'human', confidence: 1, alternatives: [], reason: 'explicit-human' },
        agent: 'human',
        confidence: 1,
        sources: [],
        escalate: true,
        escalationReason: 'explicit-human',
        text: 'Connecting you.',
      };
    if (text.includes('unknown'))
      return {
        routing: { agent: 'general', confidence: 0.55, alternatives: [], reason: 'semantic' },
        agent: 'general',
        confidence: 0.55,
        sources: [],
        escalate: true,
        escalationReason: 'no-answer',
        gap: true,
        text: 'Not found.',
      };
    const agent = text.includes('refund') ? 'billing' : 'technical';
    return {
      routing: { agent, confidence: 0.95, alternatives: [], reason: 'keyword' },
      agent,
      confidence: 0.95,
      sources: [],
      escalate: false,
      text: `Answer about ${agent}.`,
    };
  },
};

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({
    agents: scripted,
    adminToken: 'admin-token-123',
    costPerHumanConversation: 6,
    costPerAiConversation: 1,
  });
});
afterAll(async () => {
  await server?.close();
});

async function conversation(texts: string[], feedback?: boolean) {
  const { socket } = await connectCustomer(server.url);
  let lastAi: { id: string } | undefined;
  for (const [i, text] of texts.entries()) {
    const reply = nextEvent<{ id: string; role: string }>(socket, 'message', (m) => m.role === 'ai');
    await request(socket, 'message:send', { clientId: `k${i}`, text });
    lastAi = await reply;
  }
  if (feedback !== undefined && lastAi) await request(socket, 'feedback', { messageId: lastAi.id, helpful: feedback });
  socket.disconnect();
}

describe('GET /api/analytics', () => {
  it('produces the exact figures of a scripted set of conversations', async () => {
    await conversation(['my password reset fails', 'and the app crashes'], true); // technical ×2, resolved
    await conversation(['I want a refund'], false); // billing, unhelpful → not resolved
    await conversation(['I want a person']); // escalated (explicit)
    await conversation(['something unknown about quantum widgets']); // gap → escalated
    await conversation(['refund for unknown order please']); // gap → escalated

    // 6 customer + 6 AI + 3 × 2 system messages per escalation ("connecting you", and "nobody is online" since no staff is connected).
    // The "nobody is online" notice is written after the escalation's reply is delivered, so wait for it before reading the report.
    const systemCount = async () =>
      (await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM messages WHERE role = 'system'"))[0].n;
    await vi.waitFor(async () => expect(await systemCount()).toBe(6), { timeout: 10_000, interval: 50 });
    // Rule labels (the routed agent) are written after the reply too.
    const labelCount = async () =>
      (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM conversation_labels'))[0].n;
    await vi.waitFor(async () => expect(await labelCount()).toBe(5), { timeout: 10_000, interval: 50 });

    const get = (q = '') =>
      fetch(`${server.url}/api/analytics${q}`, { headers: { authorization: 'Bearer admin-token-123' } });
    expect((await fetch(`${server.url}/api/analytics`)).status).toBe(401);
    const res = await get();
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.totals).toMatchObject({
      conversations: 5,
      customerMessages: 6,
      escalated: 3,
      escalationRate: 0.6,
      resolvedWithoutHuman: 1,
      resolutionRate: 0.2,
      feedback: { helpful: 1, unhelpful: 1 },
      estimatedSaving: 5,
    });
    expect(r.totals.messages).toBe(18);
    expect(r.totals.firstResponseSeconds.ai).toBeGreaterThanOrEqual(0);
    expect(r.totals.averageResponseSeconds.human).toBeNull();
    expect(r.totals.csat).toEqual({ average: null, ratings: 0 });
    expect(r.escalationReasons).toEqual([
      { reason: 'no-answer', count: 2 },
      { reason: 'explicit-human', count: 1 },
    ]);
    expect(
      Object.fromEntries(r.perAgent.map((a: { agent: string; messages: number }) => [a.agent, a.messages])),
    ).toEqual({ technical: 2, billing: 1, general: 2, human: 1 });
    expect(r.perDay).toHaveLength(1);
    expect(r.perDay[0]).toMatchObject({ conversations: 5, escalated: 3 });
    expect(r.confidence.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(6);
    expect(r.knowledgeGaps.map((g: { count: number }) => g.count).reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(r.busiestHours[0].messages).toBe(6);
    expect(r.labels).toEqual([
      { label: 'general', conversations: 2 },
      { label: 'billing', conversations: 1 },
      { label: 'human', conversations: 1 },
      { label: 'technical', conversations: 1 },
    ]);

    const billing = await (await get('?agent=billing')).json();
    expect(billing.totals.conversations).toBe(1);

    // Custom attributes filter the report: a signed `plan` wins over an unsigned one of the same name; values compare as text.
    const ids = (await server.db.query<{ id: string }>('SELECT id FROM conversations ORDER BY created_at')).map(
      (r) => r.id,
    );
    await server.service.store.setSignedAttributes(ids[0], { plan: 'enterprise', seats: 10 });
    await server.service.store.mergeVisitorAttributes(ids[1], { plan: 'enterprise' }, 50);
    await server.service.store.setSignedAttributes(ids[2], { plan: 'free' });
    await server.service.store.mergeVisitorAttributes(ids[2], { plan: 'enterprise' }, 50);
    const enterprise = await (await get('?attr.plan=enterprise')).json();
    expect(enterprise.totals.conversations).toBe(2);
    expect(enterprise.period.attributes).toEqual({ plan: 'enterprise' });
    expect((await (await get('?attr.plan=enterprise&attr.seats=10')).json()).totals.conversations).toBe(1);
    // With the agent filter too ($3 stays the agent): only the refund conversation, whose plan is unsigned.
    expect((await (await get('?attr.plan=enterprise&agent=billing')).json()).totals.conversations).toBe(1);
    const tooMany = await get(`?${Array.from({ length: 11 }, (_, i) => `attr.a${i}=x`).join('&')}`);
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).error.code).toBe('invalid_attribute_filter');
    const badName = await get('?attr.no%20spaces=x');
    expect(await badName.json()).toMatchObject({
      error: { code: 'invalid_attribute_filter', field: 'attr.no spaces' },
    });
    const csv = await (await get('?format=csv')).text();
    expect(csv.split('\n')[0]).toBe('day,conversations,messages,escalated');
    expect((await get('?from=nonsense')).status).toBe(400);
  });
});
