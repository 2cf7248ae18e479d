import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { escalatingAgents } from '../testing/handoff.js';
import { trainRouter } from '../router/train.js';
import { startTestServer } from '../testing/harness.js';
import { buildProgram } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await buildProgram().parseAsync(['node', 'switchboard', ...args]);
    return out;
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

describe('switchboard export corrections', () => {
  it('writes staff re-labels as { text, agent } lines that train-router accepts', async () => {
    const server = await startTestServer({
      inMemory: false,
      dataDir: dir,
      agents: escalatingAgents,
      logLevel: 'silent',
    });
    try {
      const handoff = server.handoff;
      const staff = { id: 's_1', name: 'Maria', role: 'agent' as const, kind: 'session' as const };
      const c = await server.service.forVisitor('v_export');
      const first = await server.service.receiveCustomerMessage(c, {
        clientId: 'e1',
        text: 'my card was charged but the app still says "trial"',
      });
      await first.reply;
      const second = await server.service.receiveCustomerMessage(c, {
        clientId: 'e2',
        text: 'what are your opening hours?',
      });
      await second.reply;
      await handoff.relabel(staff, first.message.id, 'technical');
      await handoff.relabel(staff, first.message.id, 'billing'); // the latest label wins
      await handoff.relabel(staff, second.message.id, 'general');
      // AI answers cannot be re-labelled, only customer messages.
      const [ai] = (await server.service.history(c.id, 0)).filter((m) => m.role === 'ai');
      await expect(handoff.relabel(staff, ai.id, 'general')).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await server.close();
    }

    const out = await run(['export', 'corrections', '--data', dir]);
    // Oldest first; two re-labels within one clock tick may come out in either order, so compare as a set.
    const rows = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .sort((a, b) => a.text.localeCompare(b.text));
    expect(rows).toEqual([
      { text: 'my card was charged but the app still says "trial"', agent: 'billing' },
      { text: 'what are your opening hours?', agent: 'general' },
    ]);

    const trained = trainRouter(out, { out: join(dir, 'agents.json') });
    expect(trained.skipped).toEqual([]);
    expect(trained.added).toEqual({ billing: 1, general: 1 });
  }, 120_000);
});
