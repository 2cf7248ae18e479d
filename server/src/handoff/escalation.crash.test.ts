import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCustomer, request } from '../testing/harness.js';
import { httpStub } from '../testing/http-stub.js';
import { freshDatabaseUrl, startServeProcess, type ServeProcess } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';

// Fault test of issue 20: a node killed with SIGKILL in the middle of announcing an escalation, after it posted the
// "nobody online" notice and before it turned the escalation job into the webhook's delivery job. The kill lands
// there deterministically: a trigger on PostgreSQL makes that last step of the job wait for an advisory lock the test
// holds. The restarted node announces the escalation again; the notice must not appear twice, the webhook once.
const LOCK = 200_094;
const running: ServeProcess[] = [];
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
});

const shared = await needService('PostgreSQL at 127.0.0.1:5432', reachable(5432));

/** Poll `check` until it returns true (bounded). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(shared)('kill -9 while an escalation is being announced', () => {
  it('the restarted node posts the "nobody online" notice once and sends the webhook once', async () => {
    const url = await freshDatabaseUrl();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const receiver = await httpStub(() => ({ status: 200, body: { ok: true } }));
    const env = {
      DATABASE_URL: url,
      SWITCHBOARD_SECRET: 'escalation-crash-secret-0123456789',
      SWITCHBOARD_WEBHOOK_URL: `${receiver.url}/hook`,
      SWITCHBOARD_WEBHOOK_SECRET: 'escalation-crash-secret-0123',
    };
    const args = ['--port', '0', '--job-lease-ms', '1000'];
    const notices = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE meta->>'kind' = 'offline'`)).rows[0]
        .n;
    try {
      const first = await startServeProcess(args, env);
      running.push(first);
      // Migrations ran: hold the end of every escalation job's life (convert or delete) on the test's lock.
      await db.query('SELECT pg_advisory_lock($1)', [LOCK]);
      await db.query(`
        CREATE FUNCTION hold_escalation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_advisory_lock(${LOCK}); PERFORM pg_advisory_unlock(${LOCK}); RETURN OLD; END $$;
        CREATE TRIGGER hold_escalation BEFORE UPDATE OR DELETE ON jobs
          FOR EACH ROW WHEN (OLD.kind = 'escalation') EXECUTE FUNCTION hold_escalation();`);
      const customer = await connectCustomer(first.url);
      await request(customer.socket, 'message:send', {
        clientId: 'h1',
        text: 'my parcel never arrived, I want a human',
      });
      // The announcement has posted its notice and waits on the lock: the node dies there.
      const waiting = async () =>
        (await db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [LOCK]))
          .rowCount === 1;
      await until('the announcement to reach the job', waiting);
      expect(await notices()).toBe(1);
      first.child.kill('SIGKILL');
      await first.exited;
      customer.socket.disconnect();
      // The dead node's statement is still waiting inside PostgreSQL: end it (rolled back), as a lost connection does.
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
        [LOCK],
      );
      await until('the dead node to be gone', async () => !(await waiting()));
      await db.query('DROP TRIGGER hold_escalation ON jobs; DROP FUNCTION hold_escalation()');
      await db.query('SELECT pg_advisory_unlock($1)', [LOCK]);
      expect(receiver.calls).toHaveLength(0);
      expect((await db.query(`SELECT 1 FROM jobs WHERE kind = 'escalation'`)).rowCount).toBe(1);

      const second = await startServeProcess(args, env);
      running.push(second);
      await receiver.called(1, 120_000);
      await until('the escalation job to end', async () => (await db.query('SELECT 1 FROM jobs')).rowCount === 0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.calls.map((c) => c.headers['x-switchboard-event'])).toEqual(['conversation.escalated']);
      expect(await notices()).toBe(1);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await receiver.close();
      await db.end();
    }
  }, 600_000);
});
