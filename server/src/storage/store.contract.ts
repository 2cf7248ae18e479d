import { expect, it } from 'vitest';
import { StateMoved } from './conversation-inputs.js';
import { ConversationStore } from './conversations.js';
import type { Database } from './db.js';

/** The behaviour every database backend must show; run against PGlite and PostgreSQL. */
export function storeContract(open: () => Promise<Database>): void {
  it('allocates gap-free seq under concurrent writers and dedups clientIds', async () => {
    const db = await open();
    const store = new ConversationStore(db);
    const c = await store.create({ visitorId: 'v_contract' });
    const writes = Array.from({ length: 40 }, (_, i) =>
      store.append(c.id, { role: 'customer', text: `m${i}`, clientId: `cid-${i % 30}` }),
    );
    const results = await Promise.all(writes);
    const unique = new Set(results.map((r) => r.message.id));
    expect(unique.size).toBe(30);
    const history = await store.history(c.id, 0, 1000);
    expect(history.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await store.get(c.id))?.lastSeq).toBe(30);
  });

  it('a reply records the routing decision on the message it answers and returns the updated conversation', async () => {
    const db = await open();
    const store = new ConversationStore(db);
    const c = await store.create({ visitorId: 'v_reply' });
    const asked = await store.append(c.id, { role: 'customer', text: 'refund?', clientId: 'q1' });
    expect(asked.conversation?.lastSeq).toBe(1);
    expect((await store.append(c.id, { role: 'customer', text: 'refund?', clientId: 'q1' })).duplicate).toBe(true);
    const routing = { agent: 'billing', confidence: 0.75, alternatives: [], reason: 'semantic' as const };
    const reply = await store.append(c.id, {
      role: 'ai',
      text: 'Here is how.',
      meta: { replyTo: asked.message.id },
      answers: { messageId: asked.message.id, routing },
    });
    expect(reply.message.seq).toBe(2);
    expect(reply.conversation).toMatchObject({ id: c.id, lastSeq: 2, state: 'ai' });
    const customer = await store.message(asked.message.id);
    expect(customer).toMatchObject({ agent: 'billing', routing });
    expect(customer!.confidence).toBeCloseTo(0.75);
    await expect(store.append('c_missing', { role: 'customer', text: 'x' })).rejects.toThrow(/does not exist/);
  });

  it('an append with `context` returns the earlier messages exactly as `recent` reads them, without internal notes', async () => {
    const db = await open();
    const store = new ConversationStore(db);
    const c = await store.create({ visitorId: 'v_context' });
    expect((await store.append(c.id, { role: 'customer', text: 'first', context: 3 })).context).toEqual([]);
    const routing = { agent: 'billing', confidence: 0.5, alternatives: [], reason: 'semantic' as const };
    await store.append(c.id, { role: 'ai', text: 'answer', routing, sources: [], meta: { replyTo: 'x' } });
    await store.append(c.id, { role: 'human', text: 'note', internal: true, author: 'Maria' });
    await store.append(c.id, { role: 'customer', text: 'third', clientId: 'c3' });
    const before = await store.recent(c.id, 3);
    const asked = await store.append(c.id, { role: 'customer', text: 'now', clientId: 'c4', context: 3 });
    expect(asked.context).toEqual(before);
    expect(asked.context!.map((m) => m.text)).toEqual(['first', 'answer', 'third']);
    expect((await store.append(c.id, { role: 'customer', text: 'x', context: 2 })).context!.map((m) => m.text)).toEqual(
      ['third', 'now'],
    );
    expect((await store.append(c.id, { role: 'customer', text: 'y' })).context).toBeUndefined();
  });

  it('an append with `onlyWhile` stores nothing once the conversation moved on, and says where it is', async () => {
    const db = await open();
    const store = new ConversationStore(db);
    const c = await store.create({ visitorId: 'v_only_while' });
    const asked = await store.append(c.id, { role: 'customer', text: 'refund?', clientId: 'ow1' });
    const reply = {
      role: 'ai' as const,
      text: 'Here is how.',
      clientId: 'reply:ow1',
      onlyWhile: ['ai', 'waiting_human'] as const,
    };
    await store.update(c.id, { state: 'human', assigneeId: 's_1', assigneeName: 'Ann' });
    const err = await store.append(c.id, { ...reply, onlyWhile: [...reply.onlyWhile] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateMoved);
    expect((err as StateMoved).state).toBe('human');
    expect((await store.history(c.id, 0, 10)).map((m) => m.id)).toEqual([asked.message.id]);
    expect((await store.get(c.id))?.lastSeq).toBe(1);
    // Back with the AI (the person left): the same reply is stored, once.
    await store.update(c.id, { state: 'ai' });
    const stored = await store.append(c.id, { ...reply, onlyWhile: [...reply.onlyWhile] });
    expect(stored).toMatchObject({ duplicate: false, message: { seq: 2, role: 'ai' } });
    expect((await store.append(c.id, { ...reply, onlyWhile: [...reply.onlyWhile] })).duplicate).toBe(true);
    await expect(store.append('c_missing', { ...reply, onlyWhile: ['ai'] })).rejects.toThrow(/does not exist/);
  });

  it('compare-and-set state updates let exactly one caller win', async () => {
    const db = await open();
    const store = new ConversationStore(db);
    const c = await store.create({ visitorId: 'v_claim' });
    await store.update(c.id, { state: 'waiting_human' });
    const claims = await Promise.all(
      ['a', 'b', 'c'].map((who) => store.update(c.id, { state: 'human', assigneeId: who }, ['waiting_human'])),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
}
