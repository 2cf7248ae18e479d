import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ConversationStore } from '../storage/conversations.js';
import { openDatabase, type Database } from '../storage/db.js';
import { migrate } from '../storage/migrate.js';
import { createLogger } from '../util/logger.js';
import type { ConversationChange } from './changes.js';
import { subscribeEvent } from './public-events.js';
import { ConversationService } from './service.js';

let db: Database;
let service: ConversationService;
beforeAll(async () => {
  db = await openDatabase({});
  await migrate(db);
  service = new ConversationService({
    store: new ConversationStore(db),
    agents: { reply: () => Promise.reject(new Error('no answers in this test')) },
    broadcast: { toConversation: () => undefined },
    logger: createLogger({ level: 'silent' }),
    contextMessages: 4,
    historyLimit: 50,
  });
});
afterAll(() => db?.close());

describe("the embedder's events (Switchboard.on)", () => {
  it('tells every change as `change`, and the per-kind events with their earlier arguments', async () => {
    const seen: unknown[][] = [];
    const offs = [
      subscribeEvent(service, 'change', (c) => seen.push(['change', c.kind])),
      subscribeEvent(service, 'message', (m, c) => seen.push(['message', m.text, c.id])),
      subscribeEvent(service, 'conversation', (c, change) => seen.push(['conversation', c.id, change])),
      subscribeEvent(service, 'customer-typing', (info) => seen.push(['customer-typing', info])),
    ];
    const c = await service.create({ visitorId: 'v_public' });
    await service.addMessage(c.id, { role: 'customer', text: 'hi' });
    await service.escalate(c.id, 'asked');
    await service.setContact(c.id, 'a@example.com');
    service.customerTyping(c.id, true);
    for (const off of offs) off();
    service.customerTyping(c.id, false);
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
