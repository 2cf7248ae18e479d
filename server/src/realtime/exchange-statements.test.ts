import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';

// What one exchange (a customer message and the AI's answer) costs the database, counted statement by statement: on
// the embedded database each statement is CPU (issue 20), so a new one on this path should be a decision.
let server: Awaited<ReturnType<typeof startTestServer>>;
const log: string[] = [];
beforeAll(async () => {
  server = await startTestServer({
    logLevel: 'silent',
    kb: ['examples/demo-kb'],
    // Label rows are written once per agent and conversation, not per exchange; left out to count the steady path.
    labelRoutedAgent: false,
  });
  const db = server.db;
  const query = db.query.bind(db);
  db.query = (sql, params) => {
    log.push(sql.replace(/\s+/g, ' ').trim());
    return query(sql, params);
  };
});
afterAll(() => server?.close());

/** Wait until no statement has run for a while (the inbox refresh is debounced), at most 10 s. */
async function settled(): Promise<void> {
  for (let quiet = 0, seen = -1, i = 0; quiet < 3 && i < 100; i++) {
    quiet = log.length === seen ? quiet + 1 : 0;
    seen = log.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const kind = (sql: string) =>
  sql.startsWith('SELECT c.*, lm.role')
    ? 'inbox summary'
    : sql.startsWith('SELECT * FROM conversations WHERE id')
      ? 'conversation'
      : sql.startsWith('WITH c AS ( UPDATE conversations SET last_seq')
        ? 'append'
        : sql;

describe('statements per exchange', () => {
  it('an answered customer message costs the conversation read, two appends and the inbox summary (no context read)', async () => {
    const c = await connectCustomer(server.url);
    const questions = [
      'How do I reset my password?',
      'Which payment methods do you accept?',
      'How do I export my data?',
      'How do I delete my account?',
    ];
    const exchanges: string[][] = [];
    for (const [i, text] of questions.entries()) {
      await settled();
      log.length = 0;
      const reply = nextEvent<Message>(c.socket, 'message', (m) => m.role === 'ai');
      await request(c.socket, 'message:send', { clientId: `q${i}`, text });
      expect((await reply).meta?.replyTo).toBeDefined();
      await settled();
      exchanges.push(log.map(kind));
    }
    // The first message stores the conversation as well.
    for (const statements of exchanges.slice(1)) {
      expect(statements.filter((s) => s !== 'inbox summary')).toEqual(['conversation', 'append', 'append']);
      // Debounced: one refresh per exchange, two when the answer came after the refresh delay.
      expect(statements.filter((s) => s === 'inbox summary').length).toBeGreaterThanOrEqual(1);
      expect(statements.filter((s) => s === 'inbox summary').length).toBeLessThanOrEqual(2);
    }
    c.socket.disconnect();
  }, 90_000);
});
