// Console search over a large history: `npm run bench:search -- [--messages 100000] [--conversations 10000]
// [--queries 300] [--pglite] [--json]`. Fills a fresh PostgreSQL schema (or embedded PGlite) with synthetic
// conversations whose words follow a skewed (Zipf-like) distribution, then times what one `conversations:search`
// request costs the server (the search, then the inbox summaries of the hits) for a mix of queries: rare and common
// words, two words, phrases, customer names, and each filter (custom attributes too) with and without text.
import { InboxStore } from '../server/src/handoff/inbox-store.js';
import { searchConversations } from '../server/src/handoff/search.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { openDatabase } from '../server/src/storage/db.js';
import { migrate } from '../server/src/storage/migrate.js';
import { freshDatabaseUrl } from '../server/src/testing/processes.js';
import type { SearchQuery } from '../widget/src/protocol/labels.js';
import { benchArgs } from './cli.js';

const flags = benchArgs('npm run bench:search --', 'Console search latency over a large synthetic history.', {
  messages: { type: 'number', default: 100_000, integer: true, help: 'messages in the database' },
  conversations: { type: 'number', default: 10_000, integer: true, help: 'conversations they belong to' },
  queries: { type: 'number', default: 300, integer: true, help: 'timed searches' },
  pglite: { type: 'boolean', help: 'embedded PGlite instead of PostgreSQL (TEST_DATABASE_URL)' },
  keep: { type: 'boolean', help: 'keep the PostgreSQL schema (its DATABASE_URL is printed to stderr) for EXPLAIN' },
  json: { type: 'boolean', help: 'print one JSON line' },
});

const WORDS = `account address answer app billing broken cancel card charge charged checkout code company coupon crash
  customer data delete delivery discount download email error export failed invoice item late login mobile money order
  package password payment phone plan price problem receipt refund reset return sent service shipping slow subscription
  support tax ticket tracking transfer update upgrade user wallet warranty website wrong`.split(/\s+/);
// A long tail of rare words after the common ones: the skew makes a few words very frequent, most rare.
const VOCABULARY = [...WORDS, ...Array.from({ length: 5000 }, (_, i) => `term${i}`)];
const NAMES = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'ken', 'dennis', 'margaret', 'linus', 'radia'];
const AGENTS = ['technical', 'billing', 'general'];
const STATES = ['ai', 'waiting_human', 'human', 'closed'];
// Custom attributes: half the conversations have a signed plan and seats, a third an unsigned company.
const PLANS = ['free', 'pro', 'enterprise'];

const databaseUrl = flags.pglite ? undefined : await freshDatabaseUrl();
const db = await openDatabase({ databaseUrl });
await migrate(db);
const started = performance.now();
await db.query('SELECT setseed(0.42)');
// Conversations of consecutive messages, one message a minute, inserted in time order as a live server writes them.
const per = Math.max(1, Math.floor(flags.messages / flags.conversations));
await db.query(
  `INSERT INTO conversations (id, visitor_id, state, user_name, user_email, assignee_id, assignee_name, created_at, updated_at, last_seq,
     signed_attributes, visitor_attributes)
   SELECT 'c' || i, 'v' || i, ($2::text[])[1 + i % 4], CASE WHEN i % 3 = 0 THEN ($3::text[])[1 + i % 10] || ' tester' || i END,
     CASE WHEN i % 3 = 0 THEN 'user' || i || '@example.com' END, CASE WHEN i % 4 = 2 THEN 's' || (i % 5) END, CASE WHEN i % 4 = 2 THEN 'Staff ' || (i % 5) END,
     now() - ($1::int - i * $5::int) * interval '1 minute', now() - ($1::int - (i + 1) * $5::int) * interval '1 minute', $5::int,
     CASE WHEN i % 2 = 0 THEN jsonb_build_object('plan', ($6::text[])[1 + i % 3], 'seats', i % 50) END,
     CASE WHEN i % 3 = 0 THEN jsonb_build_object('company', 'Company ' || (i % 100)) END
   FROM generate_series(0, $4::int - 1) i`,
  [flags.messages, STATES, NAMES, flags.conversations, per, PLANS],
);
// Messages in batches: 6–14 words each, word rank ~ vocabulary × u³ (u uniform), so low ranks dominate.
const BATCH = 20_000;
for (let from = 0; from < flags.messages; from += BATCH) {
  await db.query(
    `INSERT INTO messages (id, conversation_id, seq, role, text, agent, created_at)
     SELECT 'm' || i, 'c' || (i / $3::int), 1 + i % $3::int, CASE WHEN i % 2 = 0 THEN 'customer' ELSE 'ai' END,
       (SELECT string_agg(($4::text[])[1 + floor(array_length($4::text[], 1) * power(random(), 3))::int], ' ')
        FROM generate_series(1, 6 + (i % 9)) g WHERE g > 0 * i),
       CASE WHEN i % 2 = 1 THEN ($5::text[])[1 + (i / $3::int) % 3] END, now() - ($6::int - i) * interval '1 minute'
     FROM generate_series($1::int, $2::int - 1) i`,
    [from, Math.min(from + BATCH, per * flags.conversations), per, VOCABULARY, AGENTS, flags.messages],
  );
}
await db.query(
  `INSERT INTO conversation_labels (conversation_id, label, source) SELECT 'c' || i, CASE WHEN i % 2 = 0 THEN 'vip' ELSE 'bug' END, 'staff' FROM generate_series(0, $1::int - 1, 7) i`,
  [flags.conversations],
);
// A database in service has had its GIN pending list merged and statistics taken by autovacuum; do that now.
await db.query('VACUUM ANALYZE');
const fillSeconds = (performance.now() - started) / 1000;

const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
const KINDS: Array<[string, (i: number) => SearchQuery]> = [
  ['common word', (i) => ({ text: pick(WORDS.slice(0, 8), i) })],
  ['rare word', (i) => ({ text: `term${4000 + (i % 900)}` })],
  ['two words', (i) => ({ text: `${pick(WORDS, i)} ${pick(WORDS, i * 7 + 3)}` })],
  ['phrase', (i) => ({ text: `"${pick(WORDS, i)} ${pick(WORDS, i + 1)}"` })],
  ['prefix', (i) => ({ text: pick(['pass', 'refu', 'deliv', 'subscr', 'acc'], i) })],
  ['customer name', (i) => ({ text: pick(NAMES, i) })],
  ['text + state', (i) => ({ text: pick(WORDS, i), state: pick(STATES, i) as SearchQuery['state'] })],
  ['text + agent', (i) => ({ text: pick(WORDS, i), agent: pick(AGENTS, i) })],
  ['text + label', (i) => ({ text: pick(WORDS, i), label: pick(['vip', 'bug'], i) })],
  ['text + assignee', (i) => ({ text: pick(WORDS, i), assignee: `s${i % 5}` })],
  ['text + dates', (i) => ({ text: pick(WORDS, i), from: day(30 + (i % 200)), to: day(i % 30) })],
  ['text + attribute', (i) => ({ text: pick(WORDS, i), attributes: { plan: pick(PLANS, i) } })],
  [
    'attributes only',
    (i) =>
      pick<SearchQuery>([{ attributes: { plan: 'enterprise' } }, { attributes: { company: `Company ${i % 100}` } }], i),
  ],
  [
    'filters only',
    (i) =>
      pick<SearchQuery>(
        [{ state: 'waiting_human' }, { agent: 'billing' }, { label: 'vip' }, { assignee: 's1' }, { from: day(7) }],
        i,
      ),
  ],
];
function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

const inbox = new InboxStore(db);
const search = async (q: SearchQuery) => {
  const hits = await searchConversations(db, q);
  return inbox.summaries(hits.map((h) => h.conversationId));
};
for (let i = 0; i < KINDS.length; i++) await search(KINDS[i][1](i)); // warm caches and plans
const all: number[] = [];
const perKind: Record<string, number[]> = {};
const hitCounts: number[] = [];
for (let i = 0; i < flags.queries; i++) {
  const [kind, make] = KINDS[i % KINDS.length];
  const t0 = performance.now();
  const found = await search(make(Math.floor(i / KINDS.length)));
  const ms = performance.now() - t0;
  all.push(ms);
  (perKind[kind] ??= []).push(ms);
  hitCounts.push(found.length);
}
const [{ n: messages }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages');
if (flags.keep && databaseUrl) process.stderr.write(`kept: DATABASE_URL='${databaseUrl}'\n`);
else if (databaseUrl) {
  const [{ schema }] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
  if (schema.startsWith('sb_test_')) await db.query(`DROP SCHEMA ${schema} CASCADE`);
}
await db.close();

const r = (x: number) => Math.round(x * 10) / 10;
const result = {
  backend: flags.pglite ? 'pglite' : 'postgresql',
  messages,
  conversations: flags.conversations,
  fill_seconds: r(fillSeconds),
  queries: flags.queries,
  search_ms: { p50: r(percentile(all, 50)), p95: r(percentile(all, 95)), max: r(Math.max(...all)) },
  per_kind_p95_ms: Object.fromEntries(Object.entries(perKind).map(([k, v]) => [k, r(percentile(v, 95))])),
  mean_results: r(hitCounts.reduce((a, b) => a + b, 0) / hitCounts.length),
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else console.log(JSON.stringify(result, null, 2));
