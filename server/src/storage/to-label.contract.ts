import type { RoutingDecision } from 'switchboard-chat/protocol';
import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import { CorrectionStore } from './corrections.js';
import type { Database } from './db.js';
import { toLabelRows } from './to-label.js';
import { using } from './using.contract.js';

const decided = (confidence: number, reason: RoutingDecision['reason'] = 'semantic'): RoutingDecision => ({
  agent: 'billing',
  confidence,
  alternatives: [],
  reason,
  ...(reason === 'semantic' ? { topic: 'billing/refund' } : {}),
});

/** `toLabelRows` on every database backend. */
export function toLabelContract(open: () => Promise<Database>): void {
  it(
    "lists unsure model decisions and re-labelled messages newest first, never rules' decisions",
    using(open, async (db) => {
      const conversations = new ConversationStore(db);
      const c = await conversations.create({ visitorId: 'v_queue' });
      const say = async (text: string, routing?: RoutingDecision) =>
        (await conversations.append(c.id, { role: 'customer', text, routing })).message.id;
      const unsure = await say('refund?', decided(0.3));
      await say('sure thing', decided(0.95));
      await say('human please', decided(0.1, 'explicit-human'));
      await say('not routed yet');
      const fixed = await say('my invoice', decided(0.99));
      const later = await say('and my card?', decided(0.5, 'keyword'));
      await new CorrectionStore(db).relabel(fixed, 'technical');
      const all = { below: 0.7, limit: 50, corrected: true, skipReasons: ['explicit-human'] };
      const rows = await toLabelRows(db, all);
      expect(rows.map((r) => r.messageId)).toEqual([later, fixed, unsure]);
      expect(rows[1]).toMatchObject({ conversationId: c.id, text: 'my invoice', correctedTo: 'technical' });
      expect(rows[2]).toEqual({
        messageId: unsure,
        conversationId: c.id,
        text: 'refund?',
        routing: expect.objectContaining({ agent: 'billing', confidence: 0.3, topic: 'billing/refund' }),
        createdAt: expect.any(String),
      });
      expect((await toLabelRows(db, { ...all, corrected: false })).map((r) => r.messageId)).toEqual([later, unsure]);
      expect((await toLabelRows(db, { ...all, below: 0.4 })).map((r) => r.messageId)).toEqual([fixed, unsure]);
      expect((await toLabelRows(db, { ...all, limit: 1 })).map((r) => r.messageId)).toEqual([later]);
      expect(await toLabelRows(db, { ...all, skipReasons: [] })).toHaveLength(4);
    }),
  );
}
