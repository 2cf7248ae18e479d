import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/db.js';
import { openDatabase } from '../storage/db.js';
import { ConversationStore } from '../storage/conversations.js';
import { migrate } from '../storage/migrate.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { LabelStore } from './labels.js';
import { searchConversations } from './search.js';

const pgAvailable = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

/** The same search and label behaviour on both backends (one SQL dialect). */
function searchContract(open: () => Promise<Database>) {
  let db: Database;
  let store: ConversationStore;
  let labels: LabelStore;
  const ids: Record<string, string> = {};
  const ids$ = (hits: Array<{ conversationId: string }>) =>
    hits.map((h) => Object.entries(ids).find(([, id]) => id === h.conversationId)?.[0]);

  beforeAll(async () => {
    db = await open();
    store = new ConversationStore(db);
    labels = new LabelStore(db, 3);
    const make = async (
      name: string,
      texts: Array<[role: 'customer' | 'ai' | 'human', text: string, agent?: string]>,
      extra: Record<string, unknown> = {},
    ) => {
      const c = await store.create({ visitorId: `v-${name}` });
      ids[name] = c.id;
      for (const [role, text, agent] of texts) await store.append(c.id, { role, text, agent });
      if (Object.keys(extra).length) await store.update(c.id, extra);
    };
    await make('refund', [
      ['customer', 'I was charged twice, I want a refund'],
      ['ai', 'Refunds take 5 days', 'billing'],
    ]);
    await make(
      'password',
      [
        ['customer', 'I forgot my password'],
        ['ai', 'Use the reset link', 'technical'],
      ],
      { state: 'human', assigneeId: 's-maria', assigneeName: 'Maria' },
    );
    await make(
      'refunded',
      [
        ['customer', 'Was my order refunded already?'],
        ['ai', 'Let me check', 'billing'],
      ],
      { userName: 'Grace Hopper', userEmail: 'grace@example.com' },
    );
    await make('empty', []);
    await db.query("UPDATE conversations SET created_at = '2026-01-15T10:00:00Z' WHERE id = $1", [ids.password]);
  });
  afterAll(async () => db?.close());

  it('finds conversations by words in any message, prefix-matched, newest match first, with the matching message', async () => {
    const hits = await searchConversations(db, { text: 'refund' });
    expect(ids$(hits).sort()).toEqual(['refund', 'refunded']);
    expect(hits.find((h) => h.conversationId === ids.refund)!.match).toMatchObject({
      role: 'ai',
      text: 'Refunds take 5 days',
    });
    expect(ids$(await searchConversations(db, { text: 'forgot password' }))).toEqual(['password']);
    expect(ids$(await searchConversations(db, { text: '"reset link"' }))).toEqual(['password']);
    // Words, phrases and exclusions apply to one message: "charged" appears only beside "twice".
    expect(ids$(await searchConversations(db, { text: 'charged' }))).toEqual(['refund']);
    expect(ids$(await searchConversations(db, { text: 'charged -twice' }))).toEqual([]);
    expect(await searchConversations(db, { text: 'nothing-like-this-anywhere' })).toEqual([]);
    // Punctuation-only and quote-heavy input never breaks the SQL.
    expect(await searchConversations(db, { text: `'") & | ! :*` })).toEqual([]);
  });

  it('pages past a conversation whose many matches fill a whole page', async () => {
    const chatty = await store.create({ visitorId: 'v-chatty' });
    // The newest, with 40 matches: more than one page (limit × 8 rows); the two older conversations must still be found.
    for (let i = 0; i < 40; i++) await store.append(chatty.id, { role: 'customer', text: `refund please ${i}` });
    ids.chatty = chatty.id;
    const hits = await searchConversations(db, { text: 'refund', limit: 3 });
    expect(ids$(hits)).toHaveLength(3);
    expect(ids$(hits)[0]).toBe('chatty');
    expect(ids$(hits).slice(1).sort()).toEqual(['refund', 'refunded']);
    await db.query('DELETE FROM conversations WHERE id = $1', [chatty.id]);
    delete ids.chatty;
  });

  it('finds the customer by name or e-mail', async () => {
    const hits = await searchConversations(db, { text: 'grace' });
    expect(ids$(hits)).toEqual(['refunded']);
    expect(ids$(await searchConversations(db, { text: 'hopper' }))).toEqual(['refunded']);
  });

  it('filters by state, agent, assignee, date and label, with or without text', async () => {
    expect(ids$(await searchConversations(db, { state: 'human' }))).toEqual(['password']);
    expect(ids$(await searchConversations(db, { agent: 'billing' })).sort()).toEqual(['refund', 'refunded']);
    expect(ids$(await searchConversations(db, { text: 'refund', agent: 'technical' }))).toEqual([]);
    expect(ids$(await searchConversations(db, { assignee: 's-maria' }))).toEqual(['password']);
    expect(ids$(await searchConversations(db, { assignee: 'none' })).sort()).toEqual(['refund', 'refunded']);
    expect(ids$(await searchConversations(db, { from: '2026-01-15', to: '2026-01-15' }))).toEqual(['password']);
    expect(ids$(await searchConversations(db, { to: '2026-01-14' }))).toEqual([]);
    await labels.add(ids.refund, 'vip', 'staff', 's-maria');
    expect(ids$(await searchConversations(db, { label: 'vip' }))).toEqual(['refund']);
    expect(ids$(await searchConversations(db, { text: 'refund', label: 'vip' }))).toEqual(['refund']);
    // Conversations without any message (a widget that connected and left) are not listed by filters alone.
    expect(ids$(await searchConversations(db, {}))).not.toContain('empty');
  });

  it('filters by custom attributes as analytics does: signed win over unsigned, compared as text, combined with AND', async () => {
    await store.setSignedAttributes(ids.refund, { plan: 'enterprise', seats: 10 });
    await store.mergeVisitorAttributes(ids.password, { plan: 'enterprise' }, 50);
    // A signed `free` wins over the page's claim of `enterprise`.
    await store.setSignedAttributes(ids.refunded, { plan: 'free' });
    await store.mergeVisitorAttributes(ids.refunded, { plan: 'enterprise', company: 'Acme, Inc.' }, 50);
    const plan = (attributes: Record<string, string>, more: object = {}) =>
      searchConversations(db, { attributes, ...more }).then((h) => ids$(h).sort());
    expect(await plan({ plan: 'enterprise' })).toEqual(['password', 'refund']);
    expect(await plan({ plan: 'free' })).toEqual(['refunded']);
    expect(await plan({ plan: 'enterprise', seats: '10' })).toEqual(['refund']);
    expect(await plan({ company: 'Acme, Inc.' })).toEqual(['refunded']);
    expect(await plan({ plan: 'Enterprise' })).toEqual([]);
    // With words and with the other filters.
    expect(await plan({ plan: 'enterprise' }, { text: 'refund' })).toEqual(['refund']);
    expect(await plan({ plan: 'enterprise' }, { text: 'grace' })).toEqual([]);
    expect(await plan({ plan: 'free' }, { text: 'grace' })).toEqual(['refunded']);
    expect(await plan({ plan: 'enterprise' }, { state: 'human' })).toEqual(['password']);
    expect(await plan({ plan: 'enterprise' }, { agent: 'billing', assignee: 'none' })).toEqual(['refund']);
    // Names are bound parameters: quotes in a value are data, not SQL.
    expect(await plan({ plan: `x' OR '1'='1` })).toEqual([]);
  });

  it('labels: staff removal sticks against rules, staff can re-add, the limit holds', async () => {
    const id = ids.password;
    await labels.add(id, 'technical', 'rule');
    expect(await labels.has(id, 'technical')).toBe(true);
    expect(await labels.remove(id, 'technical', 's-maria')).toBe(true);
    await labels.add(id, 'technical', 'rule');
    expect(await labels.has(id, 'technical')).toBe(false);
    expect(ids$(await searchConversations(db, { label: 'technical' }))).toEqual([]);
    await labels.add(id, 'technical', 'staff', 's-maria');
    expect(await labels.has(id, 'technical')).toBe(true);
    await labels.add(id, 'a', 'staff');
    await labels.add(id, 'b', 'staff');
    await expect(labels.add(id, 'c', 'staff')).rejects.toMatchObject({ code: 'invalid_payload' });
    // Adding one it already has is not a new label.
    await labels.add(id, 'a', 'staff');
    await expect(labels.add('no-such-conversation', 'x', 'staff')).rejects.toMatchObject({ code: 'not_found' });
  });
}

describe('console search and labels on PGlite', () => {
  searchContract(async () => {
    const db = await openDatabase({});
    await migrate(db);
    return db;
  });
});

describe.runIf(pgAvailable)('console search and labels on PostgreSQL', () => {
  searchContract(async () => {
    const db = await openDatabase({ databaseUrl: await freshDatabaseUrl() });
    await migrate(db);
    return db;
  });
});
