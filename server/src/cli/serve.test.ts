import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { connectCustomer, request } from '../testing/harness.js';
import { CLI_ARGS, startServeProcess } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = CLI_ARGS;
const serve = (args: string[]) => startServeProcess(['--port', '0', ...args]);

describe('switchboard serve', () => {
  it('never loses an acknowledged message across a kill -9 and restart', async () => {
    const data = join(dir, 'durable');
    const first = await serve(['--data', data]);
    const { socket, session } = await connectCustomer(first.url);
    const acked: Message[] = [];
    for (let i = 0; i < 5; i++) {
      const ack = await request(socket, 'message:send', { clientId: `d${i}`, text: `durable ${i}` });
      acked.push(ack.message);
    }
    socket.disconnect();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await serve(['--data', data]);
    const again = await connectCustomer(second.url, { visitor: session.visitor });
    expect(again.session.conversationId).toBe(session.conversationId);
    const h = await request(again.socket, 'history', { afterSeq: 0 });
    const texts = h.messages.filter((m: Message) => m.role === 'customer').map((m: Message) => m.text);
    expect(texts).toEqual(acked.map((m) => m.text));
    // Resending an acknowledged clientId after the restart is still a duplicate.
    const dup = await request(again.socket, 'message:send', { clientId: 'd0', text: 'durable 0' });
    expect(dup).toMatchObject({ ok: true, duplicate: true, message: { id: acked[0].id } });
    const after = await request(again.socket, 'message:send', { clientId: 'after', text: 'after restart' });
    expect(after).toMatchObject({ ok: true, message: { text: 'after restart' } });
    expect(after.message.seq).toBeGreaterThan(acked[4].seq);
    again.socket.disconnect();

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('exits 2 with one clear line for an unknown option or an unreadable knowledge base', () => {
    const unknown = spawnSync(process.execPath, [...CLI, 'serve', '--frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);
    const badKb = spawnSync(process.execPath, [...CLI, 'serve', '--kb', join(dir, 'missing-kb'), '--port', '0'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(badKb.status).toBe(2);
    expect(badKb.stderr.trim().split('\n')).toHaveLength(1);
    expect(badKb.stderr).toMatch(/knowledge base not found: .*missing-kb/);
    const badPort = spawnSync(process.execPath, [...CLI, 'serve', '--port', 'eighty'], { cwd: ROOT, encoding: 'utf8' });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toMatch(/port/);
  });

  it('prints help for every command', () => {
    const help = spawnSync(process.execPath, [...CLI, '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/serve/);
  });
});
