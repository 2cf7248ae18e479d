import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import { connectStaff } from '../testing/handoff.js';
import { hashPassword } from '../security/passwords.js';
import { StaffTokens } from '../security/staff-tokens.js';
import { connectCustomer, nextEvent, request } from '../testing/harness.js';
import { freshDatabaseUrl, startServeProcess, type ServeProcess } from '../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

const available =
  (await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432))) &&
  (await needService('Redis at 127.0.0.1:6379', reachable(6379)));
const running: ServeProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

describe.runIf(available)('several nodes on one PostgreSQL and one Redis', () => {
  it('broadcasts across nodes, keeps seq gap-free, and loses nothing when a node dies', async () => {
    const env = {
      DATABASE_URL: await freshDatabaseUrl(),
      REDIS_URL: TEST_REDIS_URL,
      SWITCHBOARD_SECRET: 'multi-node-test-secret-0123456789',
    };
    // 21 messages from one visitor within a second: lift the per-visitor and per-IP message limits for this test.
    const unlimited = ['--port', '0', '--rate-messages-per-minute', '0', '--rate-ip-messages-per-minute', '0'];
    const a = await startServeProcess(unlimited, env);
    running.push(a);
    const b = await startServeProcess(unlimited, env);
    running.push(b);

    const onA = await connectCustomer(a.url);
    // The same visitor in a second tab that landed on node B.
    const onB = await connectCustomer(b.url, { visitor: onA.session.visitor });
    expect(onB.session.conversationId).toBe(onA.session.conversationId);

    const seenOnB = nextEvent<Message>(onB.socket, 'message', (m) => m.role === 'ai');
    await request(onA.socket, 'message:send', { clientId: 'n1', text: 'hello from node A' });
    expect((await seenOnB).seq).toBe(2);

    // Concurrent writers on both nodes: seq stays gap-free and ordered.
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        request(onA.socket, 'message:send', { clientId: `a${i}`, text: `a${i}` }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        request(onB.socket, 'message:send', { clientId: `b${i}`, text: `b${i}` }),
      ),
    ]);
    await new Promise((r) => setTimeout(r, 500));

    a.child.kill('SIGKILL');
    await a.exited;
    onA.socket.disconnect();
    // The customer's widget reconnects to the surviving node.
    const again = await connectCustomer(b.url, { visitor: onA.session.visitor });
    const h = await request(again.socket, 'history', { afterSeq: 0 });
    const seqs = h.messages.map((m: Message) => m.seq);
    expect(seqs).toEqual(seqs.map((_: number, i: number) => i + 1));
    const customerTexts = h.messages
      .filter((m: Message) => m.role === 'customer')
      .map((m: Message) => m.text)
      .sort();
    expect(customerTexts).toEqual(
      [
        'hello from node A',
        ...Array.from({ length: 10 }, (_, i) => `a${i}`),
        ...Array.from({ length: 10 }, (_, i) => `b${i}`),
      ].sort(),
    );
    again.socket.disconnect();
    onB.socket.disconnect();
    b.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
  }, 120_000);

  it('a customer on node A and a staff member on node B: escalation, take, chat and typing both ways', async () => {
    const secret = 'multi-node-staff-secret-0123456789';
    const databaseUrl = await freshDatabaseUrl();
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: TEST_REDIS_URL, SWITCHBOARD_SECRET: secret };
    const a = await startServeProcess(['--port', '0'], env);
    running.push(a);
    const b = await startServeProcess(['--port', '0'], env);
    running.push(b);

    // A staff account in the shared database, and a console session signed with the shared secret.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      "INSERT INTO staff (id, email, name, role, password_hash) VALUES ('s_maria', 'maria@example.test', 'Maria', 'agent', $1)",
      [await hashPassword('pw')],
    );
    await db.end();
    const token = await new StaffTokens(secret).sign(
      { id: 's_maria', name: 'Maria', role: 'agent', kind: 'session' },
      '1h',
    );
    const maria = await connectStaff(b.url, token);
    const customer = await connectCustomer(a.url);
    const id = customer.session.conversationId;

    const inbox = nextEvent<ConversationSummary>(
      maria.socket,
      'inbox:upsert',
      (c) => c.id === id && c.state === 'waiting_human',
    );
    await request(customer.socket, 'message:send', { clientId: 'h1', text: 'I want to talk to a human please' });
    expect((await inbox).state).toBe('waiting_human');

    const joined = nextEvent<Message>(
      customer.socket,
      'message',
      (m) => m.role === 'system' && /Maria joined/.test(m.text),
    );
    expect(await request(maria.socket, 'conversation:claim', { conversationId: id })).toMatchObject({ ok: true });
    await joined;
    expect(await request(maria.socket, 'conversation:open', { conversationId: id })).toMatchObject({ ok: true });

    const staffTyping = nextEvent<{ role: string; typing: boolean }>(
      customer.socket,
      'typing',
      (t) => t.role === 'human',
    );
    maria.socket.emit('typing', { conversationId: id, typing: true });
    expect((await staffTyping).typing).toBe(true);
    const customerTyping = nextEvent<{ role: string; typing: boolean }>(
      maria.socket,
      'typing',
      (t) => t.role === 'customer',
    );
    customer.socket.emit('typing', { typing: true });
    expect((await customerTyping).typing).toBe(true);

    const reply = nextEvent<Message>(customer.socket, 'message', (m) => m.role === 'human');
    await request(maria.socket, 'message:send', { conversationId: id, clientId: 'r1', text: 'Hello from node B' });
    expect((await reply).text).toBe('Hello from node B');
    const toStaff = nextEvent<Message>(maria.socket, 'message', (m) => m.role === 'customer' && m.text === 'thanks!');
    await request(customer.socket, 'message:send', { clientId: 'h2', text: 'thanks!' });
    await toStaff;

    customer.socket.disconnect();
    maria.socket.disconnect();
  }, 120_000);
});
