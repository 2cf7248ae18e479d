import { expect, it } from 'vitest';
import { AuditStore } from './audit.js';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';
import { ConversationLabelStore } from './labels.js';
import { SubjectDataStore } from './privacy.js';
import { using } from './using.contract.js';

/** Two visitors' conversations, and a table a later migration might add, keyed by visitor. */
async function world(db: Database) {
  const conversations = new ConversationStore(db);
  const mine = await conversations.create({ visitorId: 'v_me' });
  const linked = await conversations.create({ visitorId: 'v_me', userId: 'u_1' });
  const theirs = await conversations.create({ visitorId: 'v_other', userId: 'u_1?' });
  for (const c of [mine, linked, theirs]) {
    await conversations.append(c.id, { role: 'customer', text: `hello ${c.id}`, job: { owner: 'n', ms: 60_000 } });
    await new ConversationLabelStore(db).add(c.id, 'vip', 'staff', 20);
  }
  await db.exec('CREATE TABLE visitor_notes (visitor_id TEXT NOT NULL, note TEXT)');
  await db.query("INSERT INTO visitor_notes VALUES ('v_me', 'likes tea'), ('v_other', 'likes coffee')");
  await new AuditStore(db).append({ action: 'conversation.closed', target: mine.id });
  return { mine: mine.id, linked: linked.id, theirs: theirs.id };
}

/** `SubjectDataStore` (GDPR export and erasure) on every database backend. */
export function privacyContract(open: () => Promise<Database>): void {
  it(
    "exports a visitor's or users' conversations with every row that refers to them, narrowed by `keep`",
    using(open, async (db) => {
      const ids = await world(db);
      const store = new SubjectDataStore(db);
      const all = await store.export({ visitorId: 'v_me' });
      expect(all.conversations.map((c) => c.id)).toEqual([ids.mine, ids.linked]);
      expect(all.related.messages.map((m) => m.conversation_id).sort()).toEqual([ids.mine, ids.linked].sort());
      expect(all.related.conversation_labels).toHaveLength(2);
      expect(all.related.jobs).toHaveLength(2);
      expect(all.related.visitor_notes).toEqual([{ visitor_id: 'v_me', note: 'likes tea' }]);
      expect(all.related.audit_log).toBeUndefined();
      const own = await store.export({ visitorId: 'v_me', keep: (c) => c.user_id == null });
      expect(own.conversations.map((c) => c.id)).toEqual([ids.mine]);
      expect(own.related.messages.map((m) => m.conversation_id)).toEqual([ids.mine]);
      const user = await store.export({ userIds: ['u_1', 'u_1?'] });
      expect(user.conversations.map((c) => c.id)).toEqual([ids.linked, ids.theirs]);
      expect(user.related.visitor_notes).toBeUndefined();
      const nobody = await store.export({ userIds: ['u_nobody'] });
      expect(nobody.conversations).toEqual([]);
      expect(nobody.related.messages).toEqual([]);
    }),
  );

  it(
    "erases the subject's rows in every table in one go, leaves others' and the audit log, then scrubs",
    using(open, async (db) => {
      const ids = await world(db);
      const store = new SubjectDataStore(db);
      const erased = await store.erase({ visitorId: 'v_me', keep: (c) => c.id === ids.mine });
      expect(erased.conversationIds).toEqual([ids.mine]);
      expect(erased.deleted).toMatchObject({ conversations: 1, messages: 1, conversation_labels: 1, jobs: 1 });
      expect(erased.deleted.visitor_notes).toBe(1);
      const left = await store.export({ visitorId: 'v_me' });
      expect(left.conversations.map((c) => c.id)).toEqual([ids.linked]);
      expect(left.related.visitor_notes).toEqual([]);
      expect((await store.export({ visitorId: 'v_other' })).related.visitor_notes).toHaveLength(1);
      expect(await new AuditStore(db).list({ target: ids.mine })).toHaveLength(1);
      const again = await store.erase({ userIds: ['u_nobody'] });
      expect(again).toEqual({ conversationIds: [], deleted: {} });
      const scrubbed = await store.scrub(['messages', 'conversations', 'bad"name']);
      expect(scrubbed.vacuumed).toEqual(['messages', 'conversations']);
      expect(typeof scrubbed.checkpoint).toBe('boolean');
    }),
  );
}
