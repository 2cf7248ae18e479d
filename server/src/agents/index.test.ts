import { describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import type { KnowledgeSearch, SearchOptions } from '../knowledge/types.js';
import { loadRouterConfig } from '../router/config.js';
import { createAgentLayer } from './index.js';
import { REPLIES, repliesFor } from './replies.js';

const embedder = createHashEmbedder();
const request = (text: string, history: Message[] = [], locale?: string) => ({
  conversationId: 'c',
  message: { id: 'm9', seq: 9, conversationId: 'c', role: 'customer' as const, text, createdAt: '' },
  history,
  state: 'ai' as const,
  locale,
});

// Without clarifying questions (dialog.suggestions 0) a miss hands over at once; dialog.test.ts covers the question first.
const handOverAtOnce = () => {
  const config = loadRouterConfig();
  return { ...config, dialog: { ...config.dialog, suggestions: 0 } };
};

async function layerWithKb() {
  const kb = await createKnowledgeBase({ embedder });
  await kb.upsertDocuments([
    {
      id: 'refunds',
      title: 'Refunds',
      body: 'You can get a full refund within 14 days of purchase. Refunds reach your card in 5 to 10 business days. Contact us for exceptions.',
      url: 'https://help.example/refunds',
      collection: 'billing',
    },
    {
      id: 'password',
      title: 'Reset your password',
      body: 'Click "Forgot password" on the sign-in page and follow the link we email you.',
      collection: 'technical',
    },
  ]);
  // Record what the agents ask the knowledge base, to check collections and the shared vector.
  const calls: Array<{ query: string; options?: SearchOptions }> = [];
  const spy: KnowledgeSearch = {
    search: (query, options) => {
      calls.push({ query, options });
      return kb.search(query, options);
    },
    embedQuery: (t) => kb.embedQuery(t),
    get version() {
      return kb.version;
    },
  };
  return { layer: await createAgentLayer({ config: handOverAtOnce(), embedder, knowledge: spy }), calls };
}

describe('agent layer', () => {
  it('answers extractively from the routed agent’s collections, with sources and a did-this-help follow-up', async () => {
    const { layer, calls } = await layerWithKb();
    const reply = await layer.reply(request('how do I get a refund for my purchase'));
    expect(reply).toMatchObject({
      agent: 'billing',
      escalate: false,
      sources: [{ id: 'refunds', title: 'Refunds', url: 'https://help.example/refunds' }],
    });
    expect(reply.text).toContain('full refund within 14 days');
    expect(reply.text).toContain(REPLIES.followUp);
    expect(reply.routing.agent).toBe('billing');
    expect(calls[0].options?.collections).toEqual(['billing']);
    // The message is embedded once: retrieval gets the router's vector.
    expect(calls[0].options?.vector).toBeInstanceOf(Float32Array);
  });

  it('says it does not know and offers a person when nothing relevant is found', async () => {
    const { layer } = await layerWithKb();
    const reply = await layer.reply(request('can I pay my invoice with bitcoin'));
    expect(reply).toMatchObject({
      agent: 'billing',
      escalate: true,
      escalationReason: 'no-answer',
      gap: true,
      sources: [],
      text: REPLIES.notFound,
    });
    expect(reply.confidence).toBeUndefined();
  });

  it('hands explicit requests and off-topic messages to the human route with a reply that says so', async () => {
    const { layer } = await layerWithKb();
    expect(await layer.reply(request('can I speak to a real person please'))).toMatchObject({
      agent: 'human',
      escalate: true,
      escalationReason: 'explicit-human',
      text: REPLIES.handoff,
    });
    expect(await layer.reply(request('tell me a joke please'))).toMatchObject({
      agent: 'human',
      escalate: true,
      escalationReason: 'out-of-scope',
      text: REPLIES.outOfScope,
    });
  });

  // A French legal threat used to reach the router as "unsupported language", which a help-centre match overrules:
  // the customer got a refund passage instead of a person. Policies in the customer's language stop that.
  it.each([
    ['Je vais porter plainte contre votre société pour ce remboursement', 'legal'],
    ['alguien ha usado mi tarjeta sin permiso, quiero un reembolso', 'fraud'],
    ['Ihre Mitarbeiterin war extrem unfreundlich wegen meiner Erstattung', 'staff-complaint'],
    ['agent', 'explicit-human'],
  ])('hands "%s" to a person even though the help centre has a refund passage', async (text, reason) => {
    const { layer } = await layerWithKb();
    const reply = await layer.reply(request(text));
    expect(reply.escalate).toBe(true);
    expect(reply.sources ?? []).toEqual([]);
    expect(reply.escalationReason).toBe(reason);
  });

  it('answers greetings and thanks with a prompt, without searching or escalating', async () => {
    const { layer, calls } = await layerWithKb();
    expect(await layer.reply(request('hello!'))).toMatchObject({
      escalate: false,
      text: REPLIES.greeting,
      sources: [],
    });
    expect(await layer.reply(request('thank you'))).toMatchObject({ escalate: false, text: REPLIES.thanks });
    // Several closing phrases in one message are still small talk, not an off-topic handoff.
    expect(await layer.reply(request('thanks, that helped!'))).toMatchObject({
      escalate: false,
      text: REPLIES.thanks,
      routing: { reason: 'smalltalk' },
    });
    expect(await layer.reply(request('ok great thank you'))).toMatchObject({ escalate: false, text: REPLIES.thanks });
    expect(await layer.reply(request('ok, got it'))).toMatchObject({ escalate: false, text: REPLIES.anythingElse });
    expect(await layer.reply(request('can you help me?'))).toMatchObject({ escalate: false, text: REPLIES.greeting });
    expect(calls).toHaveLength(0);
  });

  it('writes its own texts in the language of the message, else of the widget', async () => {
    const { layer } = await layerWithKb();
    const es = repliesFor('es');
    expect(await layer.reply(request('¿Puedo hablar con una persona, por favor?'))).toMatchObject({
      agent: 'human',
      escalate: true,
      text: es.handoff,
    });
    // "hola" is too short to detect: the widget's locale decides.
    expect(await layer.reply(request('hola', [], 'es-MX'))).toMatchObject({ escalate: false, text: es.greeting });
    expect(await layer.reply(request('merci beaucoup', [], 'fr'))).toMatchObject({ text: repliesFor('fr').thanks });
    // An English message gets English texts even from a German widget.
    expect(await layer.reply(request('can I speak to a real person please', [], 'de'))).toMatchObject({
      text: REPLIES.handoff,
    });
    expect(repliesFor(undefined, 'auto')).toBe(REPLIES);
  });

  it('lets another agent answer from its collections when the routed one has nothing, and says so', async () => {
    const kb = await createKnowledgeBase({ embedder });
    // The refund policy was filed under "general": a refund question routed to billing finds nothing there.
    await kb.upsertDocuments([
      {
        id: 'refunds',
        title: 'Refunds',
        body: 'You can get a full refund within 14 days of purchase.',
        collection: 'general',
      },
    ]);
    const config = loadRouterConfig();
    const layer = await createAgentLayer({ config, embedder, knowledge: kb });
    const reply = await layer.reply(request('how do I get a full refund of my purchase'));
    expect(reply).toMatchObject({
      agent: 'general',
      escalate: false,
      routing: { agent: 'general', reason: 'fallback' },
      sources: [{ id: 'refunds' }],
    });
    expect(reply.routing.alternatives[0].agent).toBe('billing');
    // The reply's confidence is the answer's (probability it is right), not the router's, which stays in `routing`.
    expect(reply.confidence).toBeGreaterThan(0);
    expect(reply.confidence).toBeLessThan(1);
    const strict = await createAgentLayer({
      config: { ...handOverAtOnce(), answering: { ...config.answering, fallback: false } },
      embedder,
      knowledge: kb,
    });
    expect(await strict.reply(request('how do I get a full refund of my purchase'))).toMatchObject({
      agent: 'billing',
      gap: true,
      escalate: true,
    });
  });

  it('gap-escalates every agent when no knowledge base is configured, never inventing an answer', async () => {
    const layer = await createAgentLayer({ config: handOverAtOnce(), embedder });
    const reply = await layer.reply(request('I forgot my password'));
    expect(reply).toMatchObject({ agent: 'technical', gap: true, escalate: true, text: REPLIES.notFound });
  });
});
