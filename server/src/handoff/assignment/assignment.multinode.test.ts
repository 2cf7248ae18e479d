import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../security/passwords.js';
import { StaffTokens } from '../../security/staff-tokens.js';
import { connectCustomer, request, type ChatClient } from '../../testing/harness.js';
import { freshDatabaseUrl, startServeProcess, type ServeProcess } from '../../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../../testing/services.js';
import { connectStaff, type StaffClient } from '../../testing/handoff.js';
import { waitForCounts } from './world.test-helpers.js';

const available =
  (await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432))) &&
  (await needService('Redis at 127.0.0.1:6379', reachable(6379)));
const SECRET = 'assignment-multinode-secret-0123456789';
const running: ServeProcess[] = [];
const sockets: Array<StaffClient | ChatClient> = [];
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const c of clients) await c.end().catch(() => undefined);
  for (const p of running) p.child.kill('SIGKILL');
});

/** Two nodes on one PostgreSQL schema and one Redis prefix, five people (three on node A, two on B), 100 customers asking for a person on both nodes at once. */
async function cluster(assignment: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'sb-assign-'));
  const file = join(dir, 'assignment.json');
  writeFileSync(file, JSON.stringify(assignment));
  const databaseUrl = await freshDatabaseUrl();
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    SWITCHBOARD_REDIS_PREFIX: `sb-assign-${process.pid}-${Date.now()}`,
    SWITCHBOARD_SECRET: SECRET,
    SWITCHBOARD_ASSIGNMENT: file,
  };
  const unlimited = [
    '--port',
    '0',
    '--rate-connections-per-minute',
    '0',
    '--max-connections-per-ip',
    '0',
    '--rate-ip-messages-per-minute',
    '0',
    '--rate-requests-per-minute',
    '0',
  ];
  const a = await startServeProcess(unlimited, env);
  running.push(a);
  const b = await startServeProcess(unlimited, env);
  running.push(b);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  clients.push(client);
  const db = {
    query: async <T = Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[],
  };
  const tokens = new StaffTokens(SECRET);
  const people = [];
  for (const [i, name] of ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli'].entries()) {
    const id = `s_${name.toLowerCase()}`;
    await client.query('INSERT INTO staff (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)', [
      id,
      `${id}@example.test`,
      name,
      'agent',
      await hashPassword('pw-0123456789'),
    ]);
    const token = await tokens.sign({ id, name, role: 'agent', kind: 'session' }, '1h');
    const { socket } = await connectStaff((i < 3 ? a : b).url, token);
    sockets.push(socket);
    people.push({ id, name, socket });
  }
  const customers = await Promise.all(Array.from({ length: 100 }, (_, i) => connectCustomer((i % 2 ? b : a).url)));
  sockets.push(...customers.map((c) => c.socket));
  await Promise.all(
    customers.map((c, i) =>
      request(c.socket, 'message:send', { clientId: `h${i}`, text: 'I want to talk to a human please' }, 60_000),
    ),
  );
  return { db, people, nodes: [a, b] };
}

describe.runIf(available)('auto-assignment on PostgreSQL with two nodes and Redis', () => {
  it('round-robin: 100 escalations on two nodes give each of five people 20 ± 1, never above capacity; an offline person is reassigned', async () => {
    const { db, people } = await cluster({ strategy: 'round-robin', capacity: 25, graceMs: 1000, sweepMs: 2000 });
    const settled = await waitForCounts(db, (c) => c.assigned === 100, 120_000);
    expect(Object.keys(settled.perAssignee).sort()).toEqual(people.map((p) => p.id).sort());
    for (const n of Object.values(settled.perAssignee)) expect(Math.abs(n - 20)).toBeLessThanOrEqual(1);
    expect(settled.peak).toBeLessThanOrEqual(25);

    // Eli (on node B) closes his console; after the grace period his conversations go to the others (room: 4 × 5).
    const eli = people[4];
    eli.socket.disconnect();
    const after = await waitForCounts(
      db,
      (c) => !c.perAssignee[eli.id] && c.waiting === 0 && c.assigned === 100,
      60_000,
    );
    expect(after.peak).toBeLessThanOrEqual(25);
    const unassigned = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_log WHERE action = 'conversation.unassigned'",
        )
      )[0].n;
    await expect.poll(unassigned, { timeout: 30_000 }).toBe(settled.perAssignee[eli.id]);
  }, 600_000);

  it('capacity 10: 50 assigned and 50 queued across both nodes, then assigned as conversations close', async () => {
    const { db, people } = await cluster({ strategy: 'least-busy', capacity: 10, graceMs: 60_000, sweepMs: 60_000 });
    const full = await waitForCounts(db, (c) => c.assigned === 50 && c.waiting === 50, 120_000);
    for (const n of Object.values(full.perAssignee)) expect(n).toBe(10);
    let peak = full.peak;
    for (let round = 0; round < 2; round++) {
      const held = await db.query<{ id: string; assignee_id: string }>(
        "SELECT id, assignee_id FROM conversations WHERE state = 'human'",
      );
      expect(held).toHaveLength(50);
      await Promise.all(
        held.map((h) =>
          request(
            people.find((p) => p.id === h.assignee_id)!.socket,
            'conversation:release',
            { conversationId: h.id, to: 'closed' },
            60_000,
          ),
        ),
      );
      const next = await waitForCounts(
        db,
        (c) => (round === 0 ? c.assigned === 50 && c.waiting === 0 : c.assigned === 0),
        120_000,
      );
      peak = Math.max(peak, next.peak);
    }
    expect(peak).toBeLessThanOrEqual(10);
  }, 600_000);
});
