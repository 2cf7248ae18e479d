// Database work of one customer message and its AI reply on embedded PGlite (on disk, as `switchboard serve` runs it):
// `npx tsx bench/storage.ts [--messages 500] [--conversations 1000] [--json]`. Times each query the pipeline makes, in
// the order it makes them, so the per-message database cost and its biggest parts are visible.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InboxStore } from '../server/src/handoff/inbox-store.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { migrate } from '../server/src/storage/migrate.js';
import { ConversationStore } from '../server/src/storage/conversations.js';
import { openDatabase } from '../server/src/storage/db.js';
import { benchArgs } from './cli.js';

const flags = benchArgs(
  'npx tsx bench/storage.ts',
  'Database work of one customer message and its AI reply on embedded PGlite.',
  {
    messages: { type: 'number', default: 500, integer: true, help: 'messages to time' },
    conversations: { type: 'number', default: 1000, integer: true, help: 'conversations in the database' },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
const n = flags.messages;
const dir = mkdtempSync(join(tmpdir(), 'sb-storage-'));
const db = await openDatabase({ dataDir: join(dir, 'db') });
await migrate(db);
const store = new ConversationStore(db);
const inbox = new InboxStore(db);
const conversations = await Promise.all(
  Array.from({ length: flags.conversations }, (_, i) => store.create({ visitorId: `v${i}` })),
);
const routing = {
  agent: 'billing',
  confidence: 0.8,
  alternatives: [{ agent: 'general', score: 0.4 }],
  reason: 'semantic' as const,
};

// The queries one customer message causes today: socket handler reads the conversation, the store appends, the handoff
// layer refreshes the inbox summary, the agent layer reads its context, the reply is appended (with the routing
// decision), and the inbox summary is refreshed again.
const steps: Record<string, number[]> = {};
const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const v = await fn();
  (steps[name] ??= []).push(performance.now() - t0);
  return v;
};
const total: number[] = [];
for (let i = 0; i < n; i++) {
  const c = conversations[i % conversations.length];
  const t0 = performance.now();
  await time('read conversation', () => store.get(c.id));
  const { message } = await time('append customer message', () =>
    store.append(c.id, { role: 'customer', text: `question ${i}`, clientId: `k${i}` }),
  );
  await time('inbox summary (handoff)', () => inbox.summary(c.id));
  await time('recent context', () => store.recent(c.id, 13));
  await time('append reply + routing', () =>
    store.append(c.id, {
      role: 'ai',
      text: `answer ${i}`,
      meta: { replyTo: message.id },
      answers: { messageId: message.id, routing },
    }),
  );
  await time('inbox summary (handoff)', () => inbox.summary(c.id));
  total.push(performance.now() - t0);
}
await db.close();
rmSync(dir, { recursive: true, force: true });
const r = (x: number) => Math.round(x * 100) / 100;
const result = {
  messages: n,
  per_message_ms: { p50: r(percentile(total, 50)), p95: r(percentile(total, 95)) },
  // Mean, not median: the sum of the means is the cost per message.
  step_mean_ms: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, r(v.reduce((a, b) => a + b, 0) / n)])),
};
if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else console.log(JSON.stringify(result, null, 2));
