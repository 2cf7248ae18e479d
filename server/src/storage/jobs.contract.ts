import { expect, it } from 'vitest';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';
import { JobStore } from './jobs.js';

const routing = { agent: 'billing', confidence: 0.8, alternatives: [], reason: 'semantic' as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Durable-job behaviour every database backend must show (issue 20); run against PGlite and PostgreSQL. */
export function jobsContract(open: () => Promise<Database>): void {
  const withDb = (fn: (store: ConversationStore, jobs: JobStore, db: Database) => Promise<void>) => async () => {
    const db = await open();
    await fn(new ConversationStore(db), new JobStore(db), db);
  };

  it(
    "records a reply job in the customer message's own statement, only while the AI owns the conversation",
    withDb(async (store, jobs) => {
      const c = await store.create({ visitorId: 'v_jobs' });
      const lease = { owner: 'node_a', ms: 60_000 };
      const asked = await store.append(c.id, { role: 'customer', text: 'refund?', clientId: 'q1', job: lease });
      expect(asked.job).toBe(true);
      // A resend records nothing more, and the job is still held by its node.
      expect(await store.append(c.id, { role: 'customer', text: 'refund?', clientId: 'q1', job: lease })).toMatchObject(
        { duplicate: true, job: false },
      );
      expect(await jobs.pending('reply')).toBe(1);
      expect(await jobs.claim(asked.message.id, { owner: 'node_b', ms: 60_000 })).toBeUndefined();
      await store.update(c.id, { state: 'human' });
      expect((await store.append(c.id, { role: 'customer', text: 'hello person', job: lease })).job).toBe(false);
      expect(await jobs.pending('reply')).toBe(1);
    }),
  );

  it(
    'two nodes that both answered store one reply, and that reply ends the job in the same commit',
    withDb(async (store, jobs) => {
      const c = await store.create({ visitorId: 'v_race' });
      const asked = await store.append(c.id, {
        role: 'customer',
        text: 'where is my invoice',
        clientId: 'q1',
        job: { owner: 'node_a', ms: 1 },
      });
      const answer = (node: string) =>
        store.append(c.id, {
          role: 'ai',
          text: `answer from ${node}`,
          clientId: `reply:${asked.message.id}`,
          answers: { messageId: asked.message.id, routing, complete: true },
        });
      const results = await Promise.all(['a', 'b', 'c', 'd'].map(answer));
      expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await jobs.pending()).toBe(0);
      const history = await store.history(c.id, 0, 100);
      expect(history.map((m) => [m.seq, m.role])).toEqual([
        [1, 'customer'],
        [2, 'ai'],
      ]);
      expect(history[1].clientId).toBeUndefined();
      expect(await store.message(asked.message.id)).toMatchObject({ agent: 'billing' });
    }),
  );

  it(
    'a lapsed lease is claimed by exactly one node; sweeps by racing nodes take disjoint jobs',
    withDb(async (store, jobs) => {
      const c = await store.create({ visitorId: 'v_claim' });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++)
        ids.push(
          (await store.append(c.id, { role: 'customer', text: `q${i}`, job: { owner: 'dead', ms: 1 } })).message.id,
        );
      await sleep(20);
      const one = await Promise.all(['a', 'b', 'c'].map((owner) => jobs.claim(ids[0], { owner, ms: 60_000 })));
      expect(one.filter(Boolean)).toHaveLength(1);
      expect(one.find(Boolean)).toMatchObject({ id: ids[0], kind: 'reply', conversationId: c.id, attempts: 2 });
      const swept = await Promise.all(['x', 'y', 'z'].map((owner) => jobs.claimDue({ owner, ms: 60_000 }, 5)));
      const taken = swept.flat().map((j) => j.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken.sort()).toEqual(ids.slice(1).sort());
      // Only the owner can hand a job back; once handed back (lease ended) it is due again.
      const holder = swept.findIndex((s) => s.length > 0);
      const job = swept[holder][0];
      expect(await jobs.postpone(job.id, 'someone-else', 0)).toBe(false);
      expect(await jobs.postpone(job.id, ['x', 'y', 'z'][holder], 0, 7)).toBe(true);
      await sleep(5);
      expect(await jobs.claimDue({ owner: 'w', ms: 60_000 }, 10)).toMatchObject([{ id: job.id, attempts: 8 }]);
      // A process alone on its database takes every other owner's live lease at start, never its own.
      const all = await jobs.claimDue({ owner: 'w', ms: 60_000 }, 100, true);
      expect(all.map((j) => j.id).sort()).toEqual(ids.filter((id) => id !== job.id).sort());
    }),
  );

  it(
    "a running job's owner renews its lease; nobody else can",
    withDb(async (store, jobs) => {
      const c = await store.create({ visitorId: 'v_renew' });
      const mine = (await store.append(c.id, { role: 'customer', text: 'a', job: { owner: 'me', ms: 1 } })).message.id;
      const theirs = (await store.append(c.id, { role: 'customer', text: 'b', job: { owner: 'them', ms: 1 } })).message
        .id;
      await jobs.renew([mine, theirs], 'me', 60_000);
      await sleep(10);
      expect((await jobs.claimDue({ owner: 'other', ms: 60_000 }, 10)).map((j) => j.id)).toEqual([theirs]);
    }),
  );

  it(
    'webhook jobs keep their payload; erasing a conversation erases its jobs',
    withDb(async (store, jobs) => {
      const c = await store.create({ visitorId: 'v_hook' });
      await jobs.add(
        { id: 'wh_1', kind: 'webhook', conversationId: c.id, payload: { id: 'wh_1', type: 'conversation.escalated' } },
        { owner: 'n', ms: 1 },
      );
      await sleep(5);
      expect(await jobs.claimDue({ owner: 'm', ms: 1000 }, 10)).toEqual([
        {
          id: 'wh_1',
          kind: 'webhook',
          conversationId: c.id,
          payload: { id: 'wh_1', type: 'conversation.escalated' },
          attempts: 2,
        },
      ]);
      await store.append(c.id, { role: 'customer', text: 'x', job: { owner: 'n', ms: 1000 } });
      expect(await jobs.pending()).toBe(2);
      await (store as unknown as { db: Database }).db.query('DELETE FROM conversations WHERE id = $1', [c.id]);
      expect(await jobs.pending()).toBe(0);
    }),
  );
}
