import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';
import { ConversationLabelStore } from './labels.js';
import { SearchStore } from './search.js';
import { using } from './using.contract.js';

/** `SearchStore` on every database backend. */
export function searchContract(open: () => Promise<Database>): void {
  it(
    'finds messages by word prefix and phrase, newest first, page after page, within the filters',
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const store = new SearchStore(db);
      const a = await conversations.create({ visitorId: 'v_a' });
      const b = await conversations.create({ visitorId: 'v_b' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push((await conversations.append(a.id, { role: 'customer', text: `refunded order ${i}` })).message.id);
      const other = await conversations.append(b.id, { role: 'customer', text: 'Where is my refund, please?' });
      await conversations.append(b.id, { role: 'ai', text: 'Your parcel ships today.' });
      const found = await store.messages({}, 'refund', 100);
      expect(found.map((m) => m.messageId)).toEqual([other.message.id, ...ids.reverse()]);
      expect(found[0]).toEqual({
        conversationId: b.id,
        messageId: other.message.id,
        role: 'customer',
        text: 'Where is my refund, please?',
        createdAt: expect.any(String),
      });
      // A cursor continues after the message it names, without repeating or skipping one.
      const first = await store.messages({}, 'refund', 2);
      const next = await store.messages({}, 'refund', 10, first[1].messageId);
      expect([...first, ...next].map((m) => m.messageId)).toEqual(found.map((m) => m.messageId));
      expect((await store.messages({}, '"my refund"', 10)).map((m) => m.messageId)).toEqual([other.message.id]);
      expect(await store.messages({}, '"refund my"', 10)).toEqual([]);
      expect(await store.messages({}, 'refund -order', 10)).toHaveLength(1);
      await conversations.update(b.id, { state: 'human', assigneeId: 's_1' });
      await new ConversationLabelStore(db).add(a.id, 'orders', 'staff', 20);
      expect((await store.messages({ state: 'human' }, 'refund', 10)).map((m) => m.conversationId)).toEqual([b.id]);
      expect(new Set((await store.messages({ label: 'orders' }, 'refund', 10)).map((m) => m.conversationId))).toEqual(
        new Set([a.id]),
      );
      expect((await store.messages({ assignee: 'none' }, 'refund', 10)).every((m) => m.conversationId === a.id)).toBe(
        true,
      );
      expect(await store.messages({ assignee: 's_2' }, 'refund', 10)).toEqual([]);
    }),
  );

  it(
    'finds customers by name, e-mail or id, and without text lists conversations that have messages',
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const store = new SearchStore(db);
      const named = await conversations.create({ visitorId: 'v_n', userId: 'u_42' });
      await conversations.update(named.id, { userName: 'Maria Lopez', userEmail: 'maria@shop.example' });
      await conversations.append(named.id, { role: 'customer', text: 'hi' });
      const silent = await conversations.create({ visitorId: 'v_silent' });
      const later = await conversations.create({ visitorId: 'v_later' });
      await conversations.update(later.id, { contactEmail: 'mar@other.example' });
      await conversations.append(later.id, { role: 'customer', text: 'hello' });
      expect(await store.people({}, 'maria', 10)).toEqual([named.id]);
      expect(await store.people({}, 'u_42', 10)).toEqual([named.id]);
      expect(await store.people({}, 'mar', 10)).toEqual([later.id, named.id]);
      expect(await store.people({}, 'mar', 1)).toEqual([later.id]);
      expect(await store.people({ state: 'closed' }, 'maria', 10)).toEqual([]);
      const recent = await store.recent({}, 10);
      expect(recent).toEqual([later.id, named.id]);
      expect(recent).not.toContain(silent.id);
      expect(await store.recent({ attributes: { plan: 'pro' } }, 10)).toEqual([]);
      expect(await store.recent({ from: '2000-01-01', to: '2999-12-31' }, 1)).toEqual([later.id]);
    }),
  );
}
