import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { loadRouterConfig } from './config.js';
import { detectLanguage } from './language.js';
import { Router } from './router.js';

const router = await Router.create(loadRouterConfig(), createHashEmbedder());
const msg = (seq: number, role: Message['role'], text: string, routing?: Message['routing']): Message => ({
  id: `m${seq}`,
  seq,
  conversationId: 'c',
  role,
  text,
  createdAt: '',
  ...(routing ? { routing } : {}),
});

describe('router', () => {
  it('routes by keywords with an explainable decision', async () => {
    const d = await router.route({ text: 'how long does a refund take, I was charged on my card' });
    expect(d.agent).toBe('billing');
    expect(d.matched).toEqual(expect.arrayContaining(['refund']));
    expect(d.confidence).toBeGreaterThan(0.5);
    expect(d.alternatives.map((a) => a.agent)).toEqual(expect.arrayContaining(['technical', 'general']));
    expect(d.alternatives.reduce((s, a) => s + a.score, 0)).toBeCloseTo(1, 2);
    expect((await router.route({ text: 'my password reset link is broken' })).agent).toBe('technical');
    expect((await router.route({ text: 'where is my order, the tracking says nothing' })).agent).toBe('general');
  });

  it('escalates explicit requests for a person in every supported language', async () => {
    for (const text of [
      'I want to talk to a human',
      'agent please',
      'quiero hablar con una persona',
      'je veux parler à un humain',
      'ich möchte mit einem Menschen sprechen',
      'أريد التحدث مع شخص',
    ]) {
      const d = await router.route({ text });
      expect(d, text).toMatchObject({ agent: 'human', reason: 'explicit-human', confidence: 1 });
    }
  });

  it('recognises requests for a person that no fixed phrase lists, by pattern', async () => {
    for (const text of [
      'I need help chatting with an agent',
      'could I speak with somebody about my bill',
      'please connect me to a human',
    ]) {
      expect(await router.route({ text }), text).toMatchObject({ agent: 'human', reason: 'explicit-human' });
    }
    expect((await router.route({ text: 'how do I contact customer service by email' })).reason).not.toBe(
      'explicit-human',
    );
  });

  it('escalates when the answer did not help or the same question comes back', async () => {
    const answered = [msg(1, 'customer', 'how do I export my data'), msg(2, 'ai', 'Use the export button.')];
    expect((await router.route({ text: 'that did not help at all', history: answered })).reason).toBe(
      'repeated-failure',
    );
    expect((await router.route({ text: 'that did not help at all' })).reason).not.toBe('repeated-failure');
    const history = [msg(1, 'customer', 'how do I reset my password'), msg(2, 'ai', 'Go to settings.')];
    expect((await router.route({ text: 'how do I reset my password', history })).reason).toBe('repeated-failure');
  });

  it("keeps the routed agent for one customer's order or charge and marks that a person of its team must answer", async () => {
    const charged = await router.route({ text: 'I was double charged and want a refund' });
    expect(charged).toMatchObject({ agent: 'billing', needsPerson: true, policy: 'account-specific' });
    expect(charged.reason).not.toBe('policy');
    expect(charged.matched?.[0]).toMatch(/double charged/i);
    const order = await router.route({ text: 'where is my order 12345, the tracking says nothing' });
    expect(order).toMatchObject({ agent: 'general', needsPerson: true, policy: 'account-specific' });
    // The same question without the order number is the same route, without a person.
    const plain = await router.route({ text: 'where is my order, the tracking says nothing' });
    expect(plain.agent).toBe(order.agent);
    expect(plain.needsPerson).toBeUndefined();
    // Compensation claims and money trouble, too: a person of the team that handles them.
    for (const [text, policy] of [
      ['I want compensation for the missed delivery', 'compensation'],
      ['i lost my job and cant pay this bill in one go', 'vulnerable'],
    ]) {
      const d = await router.route({ text });
      expect(d, text).toMatchObject({ needsPerson: true, policy });
      expect(d.agent, text).not.toBe('human');
    }
    // The customer's own words count when a rewritten query is routed (follow-up, translation).
    expect(await router.route({ text: 'where is my order', said: 'order 48213?' })).toMatchObject({
      needsPerson: true,
      policy: 'account-specific',
    });
  });

  it('still sends legal threats and requests for a person to human, also with an order number', async () => {
    expect(await router.route({ text: 'my solicitor will be in touch' })).toMatchObject({
      agent: 'human',
      reason: 'policy',
      policy: 'legal',
    });
    expect(await router.route({ text: 'talk to a person about my invoice 123456' })).toMatchObject({
      agent: 'human',
      reason: 'explicit-human',
    });
    const legal = await router.route({ text: 'my lawyer will hear about order 123456' });
    expect(legal).toMatchObject({ agent: 'human', reason: 'policy', policy: 'legal' });
    expect(legal.needsPerson).toBeUndefined();
  });

  it('escalates strong negative sentiment', async () => {
    expect((await router.route({ text: 'This is ridiculous, worst service ever' })).reason).toBe('negative-sentiment');
    expect((await router.route({ text: '¡Esto es inaceptable, una estafa!' })).reason).toBe('negative-sentiment');
    // One strong word in a calm sentence is an ordinary complaint, not anger.
    expect((await router.route({ text: 'the delivery was terrible, where is my parcel' })).reason).not.toBe(
      'negative-sentiment',
    );
  });

  it('sends non-English messages without a keyword to a human with the English-only embedder', async () => {
    const d = await router.route({ text: 'Wie lange dauert es normalerweise bis zur Antwort?' });
    expect(d).toMatchObject({ agent: 'human', reason: 'unsupported-language' });
    expect(['de', 'fr']).toContain(d.language);
    const es = await router.route({ text: '¿Cómo puedo obtener un reembolso de mi factura?' });
    expect(es.agent).toBe('billing');
  });

  it('routes non-English messages semantically when the embedder is multilingual', async () => {
    const hash = createHashEmbedder();
    const multilingual = { ...hash, id: 'transformers:Xenova/paraphrase-multilingual-MiniLM-L12-v2' };
    const config = loadRouterConfig();
    config.agents.find((a) => a.name === 'general')!.examples.push('¿cuándo llega mi paquete a casa?');
    const m = await Router.create(config, multilingual);
    const d = await m.route({ text: '¿Cuándo llega mi paquete a casa? Lo espero desde el lunes' });
    expect(d).toMatchObject({ agent: 'general', reason: 'semantic', language: 'es' });
    // The same message with the English-only embedder has no keyword to go on.
    expect((await router.route({ text: '¿Cuándo llega mi paquete a casa? Lo espero desde el lunes' })).reason).toBe(
      'unsupported-language',
    );
  });

  it('routes short follow-ups with the previous turn', async () => {
    const history = [
      msg(1, 'customer', 'I need a refund for last month', {
        agent: 'billing',
        confidence: 0.9,
        alternatives: [],
        reason: 'keyword',
      }),
      msg(2, 'ai', 'Refunds take 5 days.'),
    ];
    const d = await router.route({ text: 'and how long?', history });
    expect(d).toMatchObject({ agent: 'billing', reason: 'context' });
  });

  it('treats whole-message greetings and thanks as small talk, not as a question or an escalation', async () => {
    for (const text of ['Hi there!', 'thanks so much', 'can you help me?', 'Bonjour', 'gracias']) {
      expect(await router.route({ text }), text).toMatchObject({
        agent: 'general',
        reason: 'smalltalk',
        confidence: 1,
      });
    }
    expect((await router.route({ text: 'hi, I was double charged' })).reason).not.toBe('smalltalk');
  });

  it('answers off-topic requests with the out-of-scope route, not an agent', async () => {
    expect(await router.route({ text: 'tell me a joke please' })).toMatchObject({
      agent: 'human',
      reason: 'out-of-scope',
    });
  });

  it('gives a short follow-up with keywords of its own to the agent those keywords name', async () => {
    const history = [
      msg(1, 'customer', 'where is my order', {
        agent: 'general',
        confidence: 0.9,
        alternatives: [],
        reason: 'semantic',
      }),
      msg(2, 'ai', 'It ships today.'),
    ];
    expect((await router.route({ text: 'and the refund?', history })).agent).toBe('billing');
  });

  it('detects languages', () => {
    expect(detectLanguage('where is my order please')).toBe('en');
    expect(detectLanguage('¿Dónde está mi pedido? Lo necesito para mañana')).toBe('es');
    expect(detectLanguage('مرحبا')).toBe('ar');
    // Lower-case English without function words must not pass for another language.
    expect(detectLanguage('routing number for american river')).toBe('en');
    expect(detectLanguage('Ich kann mich nicht anmelden, bitte helfen Sie mir')).toBe('de');
    expect(detectLanguage('Je ne trouve pas ma facture du mois dernier')).toBe('fr');
  });
});

describe('router configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-router-'));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('adds agents from YAML or JSON without code changes', () => {
    const c = loadRouterConfig(
      write(
        'a.json',
        JSON.stringify({ agents: [{ name: 'returns', description: 'Returns', examples: ['return my shoes'] }] }),
      ),
    );
    expect(c.agents.map((a) => a.name)).toEqual(['technical', 'billing', 'general', 'returns']);
  });

  it('routes to a shipping agent added by configuration alone', async () => {
    const path = write(
      'shipping.yaml',
      [
        'agents:',
        '  - name: shipping',
        '    description: Parcels on their way',
        '    collections: [shipping]',
        '    keywords: { parcel: 3, courier: 3, customs: 3 }',
        '    examples: [my parcel is stuck at customs, which courier delivers my parcel]',
      ].join('\n'),
    );
    const shipping = await Router.create(loadRouterConfig(path), createHashEmbedder());
    const d = await shipping.route({ text: 'the courier lost my parcel' });
    expect(d).toMatchObject({ agent: 'shipping', reason: 'hybrid' });
    expect(d.matched).toEqual(expect.arrayContaining(['parcel', 'courier']));
    expect(d.alternatives.map((a) => a.agent).sort()).toEqual(['billing', 'general', 'shipping', 'technical']);
  });

  it('extends the shipped phrase lists and tuning instead of replacing them', () => {
    const c = loadRouterConfig(write('h.yaml', 'human:\n  phrases: [necesito un humano]\nrouting:\n  k: 5\n'));
    expect(c.human.phrases).toEqual(expect.arrayContaining(['necesito un humano', 'talk to a human']));
    expect(c.human.outOfScope.length).toBeGreaterThan(10);
    expect(c.routing).toMatchObject({ k: 5, method: 'auto', temperature: loadRouterConfig().routing.temperature });
  });

  it('names the file and the field in errors', () => {
    expect(() =>
      loadRouterConfig(write('b.yaml', 'agents:\n  - name: Bad Name\n    description: x\n    examples: [a]\n')),
    ).toThrow(/b\.yaml: agents\.0\.name/);
    expect(() =>
      loadRouterConfig(write('c.yaml', 'agents:\n  - name: empty\n    description: x\n    examples: []\n')),
    ).toThrow(/c\.yaml: agents\.0\.examples: needs at least one example/);
    expect(() => loadRouterConfig(write('d.json', '{ not json'))).toThrow(/d\.json/);
    expect(() => loadRouterConfig(write('p.yaml', 'human:\n  patterns: ["(unclosed"]\n'))).toThrow(
      /p\.yaml: human\.patterns\.0: not a valid regular expression/,
    );
    expect(() => loadRouterConfig(write('f.yaml', 'routing:\n  method: magic\n'))).toThrow(/f\.yaml: routing\.method/);
    expect(() =>
      loadRouterConfig(
        write('g.yaml', 'agents:\n  - name: x\n    description: x\n    examples: [a]\n    threshold: 2\n'),
      ),
    ).toThrow(/g\.yaml: agents\.0\.threshold/);
    let code: string | undefined;
    try {
      loadRouterConfig(write('i.yaml', 'agents: 3\n'));
    } catch (err) {
      code = (err as { code?: string }).code;
    }
    expect(code).toBe('invalid_config');
    expect(() =>
      loadRouterConfig(
        write('e.json', JSON.stringify({ agents: [{ name: 'human', description: 'x', examples: ['a'] }] })),
      ),
    ).toThrow(/"human" is the escalation route/);
  });
});
