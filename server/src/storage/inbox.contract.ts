import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import { RatingStore } from './csat.js';
import type { Database } from './db.js';
import { InboxRowStore } from './inbox.js';
import { ConversationLabelStore } from './labels.js';
import { using } from './using.contract.js';

const routing = { agent: 'billing', confidence: 0.6, alternatives: [], reason: 'semantic' as const };

/** `InboxRowStore` on every database backend. */
export function inboxContract(open: () => Promise<Database>): void {
  it(
    "reads a conversation with its preview, latest routing, live labels in order and its latest closing's rating",
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const store = new InboxRowStore(db);
      const c = await conversations.create({ visitorId: 'v_inbox' });
      await conversations.append(c.id, { role: 'customer', text: 'old question', routing: { ...routing, agent: 'x' } });
      await conversations.append(c.id, { role: 'customer', text: 'refund?', routing });
      await conversations.append(c.id, { role: 'human', text: 'Looking.', author: 'Ann' });
      await conversations.append(c.id, { role: 'human', text: 'note to self', internal: true });
      await conversations.append(c.id, { role: 'system', text: 'Ann joined' });
      const labels = new ConversationLabelStore(db);
      await labels.add(c.id, 'vip', 'staff', 20);
      await labels.add(c.id, 'billing', 'rule', 20);
      await labels.add(c.id, 'gone', 'staff', 20);
      await labels.remove(c.id, 'gone');
      const closedAt = '2026-03-01T12:00:00.000Z';
      await conversations.update(c.id, { state: 'closed', closedAt });
      const ratings = new RatingStore(db);
      await ratings.save({ conversationId: c.id, closedAt: '2026-02-01T12:00:00.000Z', rating: 1 });
      await ratings.save({ conversationId: c.id, closedAt, rating: 5 });
      const row = await store.one(c.id);
      expect(row).toMatchObject({
        conversation: { id: c.id, state: 'closed', closedAt },
        lastMessage: { role: 'human', text: 'Looking.' },
        routing: { agent: 'billing', confidence: 0.6 },
        rating: 5,
        labels: [
          { name: 'vip', source: 'staff' },
          { name: 'billing', source: 'rule' },
        ],
        offline: false,
      });
      expect(row!.handoffSummary).toBeUndefined();
      // The handoff notes are written through the conversation store's patch (ConversationService.noteHandoff).
      await conversations.update(c.id, { offlineAt: new Date().toISOString(), handoffSummary: 'Wants a refund.' });
      expect(await store.one(c.id)).toMatchObject({ offline: true, handoffSummary: 'Wants a refund.' });
      await conversations.update(c.id, { offlineAt: null });
      expect((await store.one(c.id))!.offline).toBe(false);
      const empty = await conversations.create({ visitorId: 'v_empty' });
      const bare = await store.one(empty.id);
      expect(bare).toEqual({ conversation: expect.objectContaining({ id: empty.id }), offline: false });
      expect(await store.one('c_missing')).toBeUndefined();
      expect((await store.many([empty.id, 'c_missing', c.id])).map((r) => r.conversation.id)).toEqual([empty.id, c.id]);
      expect(await store.many([])).toEqual([]);
    }),
  );

  it(
    'lists every conversation a person has or awaits (longest waiting first), then the latest AI and closed ones',
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const store = new InboxRowStore(db);
      // now() may not advance between two pipelined statements (PGlite's clock in a worker thread): a few milliseconds
      // between the writes whose order is asserted keep "most recently updated first" from being a tie.
      const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
      const open1 = async (visitorId: string, write = true) => {
        await tick();
        const c = await conversations.create({ visitorId });
        if (write) await conversations.append(c.id, { role: 'customer', text: `hello from ${visitorId}` });
        return c.id;
      };
      const silent = await open1('v_silent', false);
      const ai = [await open1('v_ai1'), await open1('v_ai2'), await open1('v_ai3')];
      const closed = [await open1('v_closed1'), await open1('v_closed2'), await open1('v_closed3')];
      for (const id of closed) {
        await tick();
        await conversations.update(id, { state: 'closed', closedAt: new Date().toISOString() });
      }
      const late = await open1('v_late');
      await conversations.update(late, { state: 'waiting_human', waitingSince: '2026-01-01T10:05:00.000Z' });
      const early = await open1('v_early');
      await conversations.update(early, { state: 'waiting_human', waitingSince: '2026-01-01T10:00:00.000Z' });
      const held = await open1('v_held');
      await tick();
      await conversations.update(held, { state: 'human', assigneeId: 's_1', assigneeName: 'Ann' });
      const ids = (await store.list(2)).map((r) => r.conversation.id);
      expect(ids.slice(0, 2)).toEqual([early, late]);
      expect(ids.slice(2).sort()).toEqual([held, ai[2], ai[1], closed[2], closed[1]].sort());
      expect(ids).not.toContain(silent);
      // Without a wait, most recently updated first.
      expect(ids.indexOf(held)).toBeLessThan(ids.indexOf(ai[2]));
      expect(ids.indexOf(closed[2])).toBeLessThan(ids.indexOf(closed[1]));
    }),
  );
}
