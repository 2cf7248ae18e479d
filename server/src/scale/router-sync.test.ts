import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectStaff, staffAccount } from '../testing/handoff.js';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable, TEST_REDIS_URL } from '../testing/services.js';

const available = await needService(
  'PostgreSQL at 127.0.0.1:5432 and Redis at 127.0.0.1:6379',
  Promise.all([reachable(5432), reachable(6379)]).then((r) => r.every(Boolean)),
);
const dir = mkdtempSync(join(tmpdir(), 'sb-router-sync-'));
const closers: Array<() => unknown> = [];
const sockets: Array<{ disconnect(): unknown }> = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  // Let the nodes see the disconnects before their Redis clients go.
  await new Promise((r) => setTimeout(r, 500));
  for (const c of closers) await c();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(available)('a re-label retrains the live router on every node', () => {
  it('reaches node B through the bus, is audit-logged, and is learnt again after a restart', async () => {
    const config = join(dir, 'agents.yaml');
    writeFileSync(
      config,
      'agents:\n  - name: shipping\n    description: Parcels\n    topics:\n      - name: tracking\n        examples: [where is my parcel, my tracking number does not work, the courier lost my box]\nrouting:\n  method: auto\n',
    );
    const options = {
      redisUrl: TEST_REDIS_URL,
      databaseUrl: await freshDatabaseUrl(),
      config,
      secret: 'router-sync-shared-secret-0123456789',
      logLevel: 'silent' as const,
    };
    const a = await startTestServer(options);
    closers.push(() => a.close());
    const b = await startTestServer(options);
    closers.push(() => b.close());
    await a.learning!.idle();
    await b.learning!.idle();
    const before = b.learning!.info()!;
    expect(before.model).toMatch(/^(knn|logistic)/);

    const customer = await connectCustomer(a.url);
    sockets.push(customer.socket);
    const sent = await request(customer.socket, 'message:send', {
      clientId: 'q1',
      text: 'the hamster chewed the delivery note',
    });
    expect(sent.ok).toBe(true);
    const staff = await staffAccount(a, 'Ana');
    const { socket } = await connectStaff(a.url, staff.token);
    sockets.push(socket);
    const relabel = await request(socket, 'routing:relabel', {
      messageId: (sent.message as Message).id,
      agent: 'shipping',
    });
    expect(relabel).toMatchObject({ ok: true, correction: { agent: 'shipping' } });

    // Node B hears of it on the bus and retrains from the shared corrections.
    await expect
      .poll(() => b.learning!.info()!.siteExamples, { timeout: 60_000, interval: 200 })
      .toBe(before.siteExamples + 1);
    await expect
      .poll(() => a.learning!.info()!.siteExamples, { timeout: 60_000, interval: 200 })
      .toBe(before.siteExamples + 1);
    const audit = await a.db.query<{ actor: string; target: string; data: { agent: string } }>(
      "SELECT actor, target, data FROM audit_log WHERE action = 'routing.relabelled'",
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor: staff.id,
        target: (sent.message as Message).id,
        data: expect.objectContaining({ agent: 'shipping' }),
      }),
    ]);

    // A restarted node learns the corrections again from the database.
    const c = await startTestServer(options);
    closers.push(() => c.close());
    await c.learning!.idle();
    expect(c.learning!.info()!.siteExamples).toBe(before.siteExamples + 1);
  }, 240_000);
});
