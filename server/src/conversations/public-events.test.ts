import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ConversationChange } from './changes.js';
import { subscribeEvent } from './public-events.js';
import { serviceOnPglite } from './service.test-helpers.js';

const t = serviceOnPglite();

describe("the embedder's events (Switchboard.on)", () => {
  it('tells every change as `change`, and the per-kind events with their earlier arguments', async () => {
    const seen: unknown[][] = [];
    const offs = [
      subscribeEvent(t.service, 'change', (c) => seen.push(['change', c.kind])),
      subscribeEvent(t.service, 'message', (m, c) => seen.push(['message', m.text, c.id])),
      subscribeEvent(t.service, 'conversation', (c, change) => seen.push(['conversation', c.id, change])),
      subscribeEvent(t.service, 'customer-typing', (info) => seen.push(['customer-typing', info])),
    ];
    const c = await t.service.create({ visitorId: 'v_public' });
    await t.service.addMessage(c.id, { role: 'customer', text: 'hi' });
    await t.service.escalate(c.id, 'asked');
    await t.service.setContact(c.id, 'a@example.com');
    t.service.customerTyping(c.id, true);
    for (const off of offs) off();
    t.service.customerTyping(c.id, false);
    expect(seen).toEqual([
      ['change', 'created'],
      ['conversation', c.id, { type: 'created' }],
      ['change', 'message'],
      ['message', 'hi', c.id],
      // The escalation's system notice is a message too, stored before the state change is told.
      ['change', 'message'],
      ['message', expect.stringContaining('connected to a person'), c.id],
      ['change', 'state'],
      ['conversation', c.id, { type: 'escalated', from: 'ai', actor: 'router' }],
      ['change', 'contact'],
      ['conversation', c.id, { type: 'contact', actor: 'customer' }],
      ['change', 'typing'],
      ['customer-typing', { conversationId: c.id, typing: true }],
    ]);
  });

  it('types the change union by kind', () => {
    expectTypeOf<Extract<ConversationChange, { kind: 'state' }>['to']>().toEqualTypeOf<
      'ai' | 'waiting_human' | 'human' | 'closed'
    >();
    expectTypeOf<Extract<ConversationChange, { kind: 'message' }>>().toHaveProperty('message');
  });
});
