import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import { RatingStore } from './csat.js';
import type { Database } from './db.js';
import { using } from './using.contract.js';

/** `RatingStore` (CSAT) on every database backend. */
export function csatContract(open: () => Promise<Database>): void {
  it(
    'keeps one rating per closing: a second rating of the same closing changes it, a later closing adds one',
    using(open, async (db) => {
      const c = await new ConversationStore(db).create({ visitorId: 'v_csat' });
      const store = new RatingStore(db);
      const first = { conversationId: c.id, closedAt: '2026-01-02T10:00:00.000Z', staffId: 's_1', staffName: 'Ann' };
      expect(await store.save({ ...first, rating: 2, comment: 'slow' })).toMatchObject({
        conversationId: c.id,
        staffId: 's_1',
        staffName: 'Ann',
        rating: 2,
        comment: 'slow',
      });
      // The first attribution stays; the comment goes when the new rating has none.
      const changed = await store.save({ ...first, staffId: 's_2', staffName: 'Bob', rating: 4 });
      expect(changed).toMatchObject({ staffId: 's_1', staffName: 'Ann', rating: 4 });
      expect(changed.comment).toBeUndefined();
      await store.save({ conversationId: c.id, closedAt: '2026-01-03T10:00:00.000Z', rating: 5, comment: '' });
      const all = await store.forConversation(c.id);
      expect(all.map((r) => r.rating)).toEqual([4, 5]);
      expect(all[1]).toEqual({ conversationId: c.id, rating: 5, createdAt: expect.any(String) });
      expect(await store.forConversation('c_missing')).toEqual([]);
    }),
  );

  it(
    'refuses a rating outside 1–5 and one for a conversation that does not exist',
    using(open, async (db) => {
      const c = await new ConversationStore(db).create({ visitorId: 'v_csat_bad' });
      const store = new RatingStore(db);
      await expect(
        store.save({ conversationId: c.id, closedAt: new Date().toISOString(), rating: 6 }),
      ).rejects.toThrow();
      await expect(
        store.save({ conversationId: 'c_missing', closedAt: new Date().toISOString(), rating: 3 }),
      ).rejects.toThrow();
      expect(await store.forConversation(c.id)).toEqual([]);
    }),
  );
}
