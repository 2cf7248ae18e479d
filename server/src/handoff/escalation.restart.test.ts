import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JobWorker } from '../conversations/jobs.js';
import { ConversationService } from '../conversations/service.js';
import { ConversationStore } from '../storage/conversations.js';
import { openDatabase, type Database } from '../storage/db.js';
import { JobStore } from '../storage/jobs.js';
import { migrate } from '../storage/migrate.js';
import { httpStub } from '../testing/http-stub.js';
import { startServeProcess, type ServeProcess } from '../testing/processes.js';
import { createLogger } from '../util/logger.js';
import { escalatingAgents } from '../testing/handoff.js';

// Fault test of issue 20: escalation notifications (staff inbox summary, webhook) are owed from the moment the state
// changes. A node that stored the escalation and died before announcing it is reproduced deterministically: a
// conversation service with no handoff layer listening (nothing in memory ever announces it), then a real server.
const running: ServeProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A conversation layer without the handoff side: what a node has done when it dies right after an escalation. */
function bareService(db: Database) {
  const logger = createLogger({ level: 'silent' });
  const jobs = new JobWorker({
    store: new JobStore(db),
    lease: { owner: 'node-that-dies', ms: 60_000 },
    sweepMs: 0,
    concurrency: 1,
    retryMs: 100,
    logger,
  });
  const service = new ConversationService({
    store: new ConversationStore(db),
    agents: escalatingAgents,
    broadcast: { toConversation() {} },
    logger,
    contextMessages: 10,
    historyLimit: 100,
    jobs,
  });
  return { service, jobs };
}

const escalationJobs = async (db: Database) =>
  db.query<{ id: string; conversation_id: string }>("SELECT id, conversation_id FROM jobs WHERE kind = 'escalation'");

describe('escalation notifications are recorded with the escalation', () => {
  it('the state change writes one escalation job; a refused change writes none', async () => {
    const db = await openDatabase({});
    try {
      await migrate(db);
      const { service } = bareService(db);
      const c = await service.forVisitor('v-1');
      expect(await escalationJobs(db)).toHaveLength(0);
      const escalated = await service.escalate(c.id, 'explicit-human');
      expect(escalated?.state).toBe('waiting_human');
      expect(await escalationJobs(db)).toEqual([expect.objectContaining({ conversation_id: c.id })]);
      // Already waiting: the compare-and-set refuses, and no second job appears.
      expect(await service.escalate(c.id, 'explicit-human')).toBeUndefined();
      expect(await escalationJobs(db)).toHaveLength(1);
    } finally {
      await db.close();
    }
  });

  it('an escalation stored just before a crash is announced by the restarted server: one webhook, with the job id as delivery id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-escalation-'));
    dirs.push(dir);
    // The crashed node: the escalation is committed, its announcement never ran.
    const db = await openDatabase({ dataDir: join(dir, 'db') });
    let jobId: string;
    let conversationId: string;
    try {
      await migrate(db);
      const { service } = bareService(db);
      conversationId = (await service.forVisitor('v-crash')).id;
      await service.escalate(conversationId, 'explicit-human');
      [{ id: jobId }] = await escalationJobs(db);
    } finally {
      await db.close();
    }

    const receiver = await httpStub(() => ({ status: 200, body: { ok: true } }));
    try {
      const server = await startServeProcess(['--port', '0', '--data', dir], {
        SWITCHBOARD_WEBHOOK_URL: `${receiver.url}/hook`,
        SWITCHBOARD_WEBHOOK_SECRET: 'escalation-restart-secret-0123',
      });
      running.push(server);
      await receiver.called(1, 120_000);
      const [call] = receiver.calls;
      expect(call.headers['x-switchboard-event']).toBe('conversation.escalated');
      expect(call.headers['x-switchboard-delivery']).toBe(jobId);
      expect(JSON.parse(call.body)).toMatchObject({
        id: jobId,
        type: 'conversation.escalated',
        conversation: { id: conversationId, state: 'waiting_human' },
      });
      // Announced once: nothing more arrives, and no job is left once the server has stopped.
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.calls).toHaveLength(1);
      server.child.kill('SIGTERM');
      await server.exited;
    } finally {
      await receiver.close();
    }
    const after = await openDatabase({ dataDir: join(dir, 'db') });
    try {
      expect(await after.query('SELECT id, kind FROM jobs')).toEqual([]);
    } finally {
      await after.close();
    }
  }, 600_000);
});
