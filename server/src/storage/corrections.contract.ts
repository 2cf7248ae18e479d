import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import { CorrectionStore, type LabelledExample } from './corrections.js';
import type { Database } from './db.js';
import { using } from './using.contract.js';

const routing = { agent: 'billing', confidence: 0.4, alternatives: [], reason: 'semantic' as const };

/** `CorrectionStore` on every database backend. */
export function correctionsContract(open: () => Promise<Database>): void {
  it(
    'relabels customer messages only; the latest label wins and keeps what the router first said',
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const c = await conversations.create({ visitorId: 'v_fix' });
      const asked = await conversations.append(c.id, { role: 'customer', text: 'my card was charged', routing });
      const ai = await conversations.append(c.id, { role: 'ai', text: 'Let me check.' });
      const store = new CorrectionStore(db);
      expect(await store.relabel(asked.message.id, 'technical', 's_1')).toEqual({
        conversationId: c.id,
        messageId: asked.message.id,
        agent: 'technical',
        originalAgent: 'billing',
        by: 's_1',
      });
      expect(await store.relabel(asked.message.id, 'general')).toEqual({
        conversationId: c.id,
        messageId: asked.message.id,
        agent: 'general',
        originalAgent: 'billing',
      });
      expect(await store.relabel(ai.message.id, 'general')).toBeUndefined();
      expect(await store.relabel('m_missing', 'general')).toBeUndefined();
      expect(await store.forConversation(c.id)).toEqual({ [asked.message.id]: 'general' });
      expect(await store.forConversation('c_other')).toEqual({});
    }),
  );

  it(
    'reads every example once, oldest first, across pages; erasing a conversation erases its corrections',
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const store = new CorrectionStore(db);
      const c = await conversations.create({ visitorId: 'v_pages' });
      const texts = ['one', 'two', 'three', 'four', 'five'];
      for (const text of texts) {
        const m = await conversations.append(c.id, { role: 'customer', text });
        await store.relabel(m.message.id, `agent_${text}`);
      }
      const read = async (pageSize: number) => {
        const out: LabelledExample[] = [];
        for await (const e of store.examples(pageSize)) out.push(e);
        return out;
      };
      const expected = texts.map((text) => ({ text, agent: `agent_${text}` }));
      expect(await read(1)).toEqual(expected);
      expect(await read(2)).toEqual(expected);
      expect(await read(5)).toEqual(expected);
      expect(await read(1000)).toEqual(expected);
      await db.query('DELETE FROM conversations WHERE id = $1', [c.id]);
      expect(await read(2)).toEqual([]);
    }),
  );
}
