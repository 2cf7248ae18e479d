import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { createKnowledgeBase } from '../knowledge/index.js';
import { loadRouterConfig } from '../router/config.js';
import { createAgentLayer } from './index.js';
import { buildMessages, streamCompletion } from './llm.js';

const URL_ = 'http://llm.test/v1';
const sse = (lines: string[]) =>
  new HttpResponse(
    new ReadableStream({
      start(c) {
        for (const l of lines) c.enqueue(new TextEncoder().encode(`${l}\n\n`));
        c.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream' } },
  );
const chunk = (content: string) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const messages = buildMessages(
  'How do refunds work?',
  [{ id: 'd1', title: 'Refunds', text: 'Refunds take 5 days.' }],
  'Be brief.',
);

describe('LLM streaming', () => {
  it('streams deltas and returns the whole answer; sends the passages and the key', async () => {
    let body: { stream?: boolean; messages?: Array<{ content: string }> } = {};
    let auth = '';
    server.use(
      http.post(`${URL_}/chat/completions`, async ({ request }) => {
        body = (await request.json()) as typeof body;
        auth = request.headers.get('authorization') ?? '';
        return sse([chunk('Refunds '), chunk('take 5 days [1].'), 'data: [DONE]']);
      }),
    );
    const deltas: string[] = [];
    const text = await streamCompletion({ url: URL_, model: 'm', apiKey: 'k' }, messages, (d) => deltas.push(d));
    expect(deltas).toEqual(['Refunds ', 'take 5 days [1].']);
    expect(text).toBe('Refunds take 5 days [1].');
    expect(body.stream).toBe(true);
    expect(body.messages?.[1].content).toContain('[1] Refunds');
    expect(auth).toBe('Bearer k');
  });

  it.each([
    ['HTTP 500', () => new HttpResponse('oops', { status: 500 })],
    ['HTTP 429', () => new HttpResponse('slow down', { status: 429 })],
    ['a malformed chunk', () => sse([chunk('ok '), 'data: {not json', 'data: [DONE]'])],
    ['an empty answer', () => sse(['data: [DONE]'])],
    [
      'a timeout',
      async () => {
        await delay(2000);
        return sse([chunk('late'), 'data: [DONE]']);
      },
    ],
  ])('fails with llm_failed on %s', async (_name, handler) => {
    server.use(http.post(`${URL_}/chat/completions`, handler as never));
    await expect(
      streamCompletion({ url: URL_, model: 'm', timeoutMs: 300 }, messages, () => undefined),
    ).rejects.toMatchObject({ code: 'llm_failed' });
  });
});

describe('agent layer with an LLM', () => {
  const setup = async () => {
    const embedder = createHashEmbedder();
    const knowledge = await createKnowledgeBase({ embedder });
    await knowledge.upsertDocuments([
      {
        id: 'refunds',
        title: 'Refunds',
        body: 'You can get a full refund within 14 days. Refunds take 5 to 10 business days.',
        collection: 'billing',
      },
    ]);
    return createAgentLayer({
      config: loadRouterConfig(),
      embedder,
      knowledge,
      llm: { url: URL_, model: 'm', timeoutMs: 300 },
    });
  };
  const request = (text: string) => ({
    conversationId: 'c',
    message: { id: 'm1', seq: 1, conversationId: 'c', role: 'customer' as const, text, createdAt: '' },
    history: [],
    state: 'ai' as const,
  });

  it('streams the generated answer with citations', async () => {
    server.use(
      http.post(`${URL_}/chat/completions`, () => sse([chunk('Within 14 days '), chunk('[1].'), 'data: [DONE]'])),
    );
    const layer = await setup();
    const deltas: string[] = [];
    const reply = await layer.reply(request('how do I get a refund'), { delta: (d) => deltas.push(d) });
    expect(reply.text).toBe('Within 14 days [1].');
    expect(deltas.join('')).toBe(reply.text);
    expect(reply.sources[0]).toMatchObject({ id: 'refunds' });
  });

  it('asks for the answer in the customer language when the passages are English', async () => {
    let system = '';
    server.use(
      http.post(`${URL_}/chat/completions`, async ({ request: req }) => {
        system = ((await req.json()) as { messages: Array<{ content: string }> }).messages[0].content;
        return sse([chunk('Tienes 14 días para un reembolso completo [1].'), 'data: [DONE]']);
      }),
    );
    const reply = await (
      await setup()
    ).reply(request('¿Puedo pedir un reembolso completo? ¿Cuántos días tengo?'), { delta: () => undefined });
    expect(system).toMatch(/Answer in Spanish/);
    expect(reply).toMatchObject({ escalate: false, routing: { language: 'es' }, sources: [{ id: 'refunds' }] });
    expect(reply.text).toContain('Tienes 14 días para un reembolso completo [1].');
  });

  it('answers a follow-up in the customer language with the earlier question in the prompt, without the English-article note', async () => {
    let user = '';
    server.use(
      http.post(`${URL_}/chat/completions`, async ({ request: req }) => {
        user = ((await req.json()) as { messages: Array<{ content: string }> }).messages[1].content;
        return sse([chunk('Los reembolsos tardan de 5 a 10 días hábiles [1].'), 'data: [DONE]']);
      }),
    );
    const history = [
      {
        id: 'm1',
        seq: 1,
        conversationId: 'c',
        role: 'customer' as const,
        text: '¿Puedo pedir un reembolso completo?',
        createdAt: '',
        routing: { agent: 'billing', confidence: 1, alternatives: [], reason: 'semantic' as const, language: 'es' },
      },
      {
        id: 'm2',
        seq: 2,
        conversationId: 'c',
        role: 'ai' as const,
        text: 'Sí, en 14 días.',
        createdAt: '',
        sources: [{ id: 'refunds', title: 'Refunds' }],
      },
    ];
    const followUp = {
      ...request('¿y cuántos días tarda?'),
      message: { ...request('¿y cuántos días tarda?').message, id: 'm3', seq: 3 },
      history,
    };
    const reply = await (await setup()).reply(followUp, { delta: () => undefined });
    expect(reply.text, JSON.stringify(reply)).toBeDefined();
    expect(user, JSON.stringify(reply)).toMatch(
      /Earlier question: ¿Puedo pedir un reembolso completo\?\nFollow-up question: ¿y cuántos días tarda\?/,
    );
    expect(reply.text).toBe('Los reembolsos tardan de 5 a 10 días hábiles [1].');
    expect(reply.routing.language).toBe('es');
  });

  it.each([
    ['HTTP 500', () => new HttpResponse(null, { status: 500 })],
    ['HTTP 429', () => new HttpResponse('rate limited', { status: 429 })],
    ['a malformed chunk mid-stream', () => sse([chunk('Within '), 'data: {"choices": [', 'data: [DONE]'])],
    [
      'a timeout',
      async () => {
        await delay(2000);
        return sse([chunk('late'), 'data: [DONE]']);
      },
    ],
  ])('falls back to the extractive answer on %s', async (_name, handler) => {
    server.use(http.post(`${URL_}/chat/completions`, handler as never));
    const layer = await setup();
    const reply = await layer.reply(request('how do I get a refund'), { delta: () => undefined });
    expect(reply.text).toMatch(/full refund within 14 days/);
    expect(reply.sources[0]).toMatchObject({ id: 'refunds' });
    expect(reply.escalate).toBe(false);
  });
});
