import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';
import { ConversationLabelStore } from './labels.js';
import { using } from './using.contract.js';

/** `ConversationLabelStore` on every database backend. */
export function labelsContract(open: () => Promise<Database>): void {
  it(
    "a rule never overrides staff: it keeps staff's label and staff's removal; staff can undo a removal",
    using(open, async (db) => {
      const c = await new ConversationStore(db).create({ visitorId: 'v_labels' });
      const store = new ConversationLabelStore(db);
      expect(await store.add(c.id, 'vip', 'staff', 5, 's_1')).toBe('added');
      expect(await store.add(c.id, 'vip', 'rule', 5)).toBe('kept');
      expect(await store.add(c.id, 'billing', 'rule', 5)).toBe('added');
      expect(await store.has(c.id, 'billing')).toBe(true);
      expect(await store.remove(c.id, 'billing', 's_1')).toBe(true);
      expect(await store.remove(c.id, 'billing', 's_1')).toBe(false);
      expect([await store.has(c.id, 'billing'), await store.has(c.id, 'billing', true)]).toEqual([false, true]);
      expect(await store.add(c.id, 'billing', 'rule', 5)).toBe('kept');
      expect(await store.has(c.id, 'billing')).toBe(false);
      expect(await store.add(c.id, 'billing', 'staff', 5, 's_2')).toBe('added');
      expect(await store.has(c.id, 'billing')).toBe(true);
      expect(await store.remove(c.id, 'never-set')).toBe(false);
    }),
  );

  it(
    'counts the other live labels against the limit; a missing conversation is told apart from a full one',
    using(open, async (db) => {
      const c = await new ConversationStore(db).create({ visitorId: 'v_labels_max' });
      const store = new ConversationLabelStore(db);
      expect(await store.add(c.id, 'a', 'staff', 2)).toBe('added');
      expect(await store.add(c.id, 'b', 'rule', 2)).toBe('added');
      expect(await store.add(c.id, 'c', 'staff', 2)).toBe('full');
      expect(await store.add(c.id, 'c', 'rule', 2)).toBe('full');
      // Setting a label it already has is not one more; a removed label frees its place.
      expect(await store.add(c.id, 'b', 'staff', 2)).toBe('added');
      await store.remove(c.id, 'a');
      expect(await store.add(c.id, 'c', 'staff', 2)).toBe('added');
      expect(await store.add('c_missing', 'a', 'staff', 2)).toBe('missing');
      expect(await store.add('c_missing', 'a', 'rule', 2)).toBe('missing');
    }),
  );
}
