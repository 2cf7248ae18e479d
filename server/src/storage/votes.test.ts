import { describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { ConversationStore } from './conversations.js';
import { openDatabase } from './db.js';
import { migrate } from './migrate.js';
import { VoteStore } from './votes.js';

const available = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

describe.runIf(available)('votes on sourced answers (PostgreSQL)', () => {
  it('reads the shipped confidence of voted answers, older replies by their shown one, and skips unsourced replies', async () => {
    const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
    try {
      await migrate(db);
      const store = new ConversationStore(db);
      const c = await store.create({ visitorId: 'v_votes' });
      const source = [{ id: 'billing/fees', title: 'Fees' }];
      const reply = async (meta: Record<string, unknown>, confidence?: number, sources = source) =>
        (await store.append(c.id, { role: 'ai', text: 'answer', confidence, sources, meta })).message;
      const recalibrated = await reply({ modelConfidence: 0.8 }, 0.6);
      const older = await reply({}, 0.7);
      const notFound = await reply({ gap: true }, undefined, []);
      expect(await store.feedback(c.id, recalibrated.id, true)).toBe(true);
      expect(await store.feedback(c.id, older.id, false)).toBe(true);
      expect(await store.feedback(c.id, notFound.id, false)).toBe(true);
      // The shipped confidence never reaches the wire.
      expect(recalibrated.meta?.modelConfidence).toBeUndefined();
      const votes = await new VoteStore(db).answerVotes();
      expect(votes.sort((a, b) => a.confidence - b.confidence)).toEqual([
        { confidence: expect.closeTo(0.7, 5), helpful: false },
        { confidence: 0.8, helpful: true },
      ]);
    } finally {
      await db.close();
    }
  });
});
