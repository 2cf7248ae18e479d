import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCustomer, request } from '../testing/harness.js';
import { httpStub } from '../testing/http-stub.js';
import { startServeProcess, type ServeProcess } from '../testing/processes.js';

const running: ServeProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'sb-webhook-restart-'));
afterAll(() => {
  for (const p of running) p.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('webhook deliveries survive a crash', () => {
  it('a delivery refused with 503 before a kill -9 is retried by the restarted server, with the same delivery id', async () => {
    // The receiver is busy at first: the server's first attempt gets a 503 and it waits to retry, then it is killed.
    const receiver = await httpStub((_call, n) => (n === 1 ? { status: 503 } : { status: 200, body: { ok: true } }));
    try {
      const env = {
        SWITCHBOARD_WEBHOOK_URL: `${receiver.url}/hook`,
        SWITCHBOARD_WEBHOOK_SECRET: 'webhook-restart-secret-0123',
      };
      const first = await startServeProcess(['--port', '0', '--data', dir], env);
      running.push(first);
      const customer = await connectCustomer(first.url);
      expect(
        await request(customer.socket, 'message:send', { clientId: 'h1', text: 'I want to talk to a human please' }),
      ).toMatchObject({ ok: true });
      await receiver.called(1, 120_000);
      first.child.kill('SIGKILL');
      await first.exited;
      customer.socket.disconnect();

      const second = await startServeProcess(['--port', '0', '--data', dir], env);
      running.push(second);
      await receiver.called(2, 120_000);
      const [refused, retried] = receiver.calls.map((c) => ({
        id: c.headers['x-switchboard-delivery'],
        type: c.headers['x-switchboard-event'],
        body: JSON.parse(c.body),
      }));
      expect(retried.id).toBe(refused.id);
      expect(retried).toMatchObject({
        type: 'conversation.escalated',
        body: { id: refused.id, type: 'conversation.escalated' },
      });
      // Delivered once: nothing more arrives.
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.calls).toHaveLength(2);
      second.child.kill('SIGTERM');
      await second.exited;
    } finally {
      await receiver.close();
    }
  }, 600_000);
});
