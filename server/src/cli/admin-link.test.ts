import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServeProcess } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-admin-link-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// No SWITCHBOARD_SECRET here: a token must be valid on the server whatever the admin's shell has.
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
// Asynchronous on purpose: a spawnSync would freeze fetch's keep-alive pool (see runCli).
const cli = (args: string[], input?: string) => runCli(args, { env, input });

describe('admin commands while the server runs (embedded database)', () => {
  it('user and token commands go through the running server; the credential file is 0600 and removed at stop', async () => {
    const data = join(dir, 'data');
    const server = await startServeProcess(['--port', '0', '--data', data], {
      SWITCHBOARD_SECRET: '',
      SWITCHBOARD_ADMIN_TOKEN: '',
      DATABASE_URL: '',
    });
    try {
      const link = join(data, 'admin.json');
      expect(statSync(link).mode & 0o777).toBe(0o600);

      const add = await cli(
        [
          'user',
          'add',
          '--data',
          data,
          '--email',
          'ana@shop.test',
          '--name',
          'Ana',
          '--role',
          'admin',
          '--password-stdin',
        ],
        'a long enough password\n',
      );
      expect(add.status, add.stderr).toBe(0);
      expect(add.stdout).toMatch(/created admin ana@shop\.test .* on the running server/);
      const promoted = await cli(['user', 'set-role', '--data', data, 'ana@shop.test', 'agent']);
      expect(promoted.stdout.trim()).toBe('ana@shop.test is now agent');
      expect((await cli(['user', 'list', '--data', data])).stdout).toMatch(/ana@shop\.test\tAna\tagent\tactive/);

      const made = await cli(['token', 'create', '--data', data, '--name', 'deploys', '--role', 'admin']);
      expect(made.status, made.stderr).toBe(0);
      const token = made.stdout.trim();
      // Valid on the running server (signed with its secret), which the issue found silently broken before.
      const res = await fetch(`${server.url}/api/admin/tokens`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const id = ((await res.json()) as { tokens: Array<{ id: string; name: string }> }).tokens.find(
        (t) => t.name === 'deploys',
      )!.id;
      expect((await cli(['token', 'revoke', '--data', data, id])).stdout.trim()).toBe(`revoked ${id}`);
      expect(
        (await fetch(`${server.url}/api/admin/tokens`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401);
      const bad = await cli(['token', 'revoke', '--data', data, id]);
      expect(bad.status).toBe(2);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    expect(existsSync(join(data, 'admin.json'))).toBe(false);
    // Stopped: the same commands open the database directly again.
    const list = await cli(['user', 'list', '--data', data]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/ana@shop\.test/);
  }, 300_000);

  it('export, gdpr and kb remove go through the running server too', async () => {
    const data = join(dir, 'data-2');
    const kb = join(dir, 'help');
    mkdirSync(kb, { recursive: true });
    writeFileSync(join(kb, 'delivery.md'), '# Delivery\n\nStandard delivery takes 3 to 5 working days.');
    const server = await startServeProcess(['--port', '0', '--data', data, '--kb', kb], {
      SWITCHBOARD_SECRET: '',
      SWITCHBOARD_ADMIN_TOKEN: '',
      DATABASE_URL: '',
    });
    try {
      const admin = { authorization: `Bearer ${JSON.parse(readFileSync(join(data, 'admin.json'), 'utf8')).token}` };
      const chat = await (
        await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'how long does delivery take?' }),
        })
      ).json();
      // The visitor id is the `sub` of the visitor token the chat call returned.
      const visitor = JSON.parse(Buffer.from((chat.visitor as string).split('.')[1], 'base64url').toString())
        .sub as string;
      expect(visitor).toMatch(/^v_/);

      const exported = await cli(['gdpr', 'export', '--data', data, '--visitor', visitor]);
      expect(exported.status, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout).conversations).toHaveLength(1);
      const erased = await cli(['gdpr', 'delete', '--data', data, '--visitor', visitor]);
      expect(erased.status, erased.stderr).toBe(0);
      expect(erased.stdout).toMatch(new RegExp(`erased .*${visitor}.*: 1 conversation`));
      expect(
        JSON.parse((await cli(['gdpr', 'export', '--data', data, '--visitor', visitor])).stdout).conversations,
      ).toHaveLength(0);

      const corrections = await cli(['export', 'corrections', '--data', data]);
      expect(corrections.status, corrections.stderr).toBe(0);
      expect(corrections.stderr).toMatch(/exported 0 corrections/);

      expect((await (await fetch(`${server.url}/api/kb/stats`, { headers: admin })).json()).documents).toBe(1);
      const removed = await cli(['kb', 'remove', kb, '--data', data]);
      expect(removed.status, removed.stderr).toBe(0);
      expect(removed.stdout).toMatch(/removed 1 documents/);
      expect((await (await fetch(`${server.url}/api/kb/stats`, { headers: admin })).json()).documents).toBe(0);
      const again = await cli(['kb', 'remove', kb, '--data', data]);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/No documents from/);
      const audit = await fetch(`${server.url}/api/admin/audit?limit=50`, { headers: admin });
      const audited = ((await audit.json()) as { entries: Array<{ action: string }> }).entries.map((e) => e.action);
      expect(audited).toEqual(expect.arrayContaining(['gdpr.exported', 'gdpr.deleted', 'kb.changed']));
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 300_000);
});
