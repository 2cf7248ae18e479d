import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';
import { CLI_ARGS } from '../testing/processes.js';

// `switchboard token` and `switchboard gdpr` against a real data folder, checked through a real server.
const dir = mkdtempSync(join(tmpdir(), 'sb-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ROOT = new URL('../../../', import.meta.url).pathname;
const env = { ...process.env, DATABASE_URL: '', SWITCHBOARD_DATA: '', SWITCHBOARD_SECRET: '' };
const cli = (args: string[]) =>
  spawnSync(process.execPath, [...CLI_ARGS, ...args, '--data', dir], { cwd: ROOT, encoding: 'utf8', env });
const serve = () => startTestServer({ inMemory: false, dataDir: dir });

describe('switchboard token and gdpr', () => {
  it('creates a working API token, erases a visitor, and revokes the token', { timeout: 300_000 }, async () => {
    const created = cli(['token', 'create', '--name', 'deploys', '--role', 'admin', '--expires', '30d']);
    expect(created.stderr).toMatch(/^created admin token t_\S+ "deploys", expires /);
    expect(created.status).toBe(0);
    const token = created.stdout.trim();
    const id = /token (t_\S+)/.exec(created.stderr)![1];
    expect(cli(['token', 'create', '--name', 'x', '--role', 'root']).status).toBe(2);
    expect(cli(['token', 'create', '--name', 'x', '--expires', 'forever']).status).toBe(2);

    let server = await serve();
    let visitorId: string;
    try {
      const audit = await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${token}` } });
      expect(audit.status).toBe(200);
      expect((await audit.json()).entries.find((e: { action: string }) => e.action === 'token.created')).toMatchObject({
        target: id,
        actor: expect.stringMatching(/^cli/),
      });
      const chat = await (
        await fetch(`${server.url}/api/chat`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'erase me please' }),
        })
      ).json();
      visitorId = JSON.parse(Buffer.from(chat.visitor.split('.')[1], 'base64url').toString()).sub;
    } finally {
      await server.close();
    }

    const exported = cli(['gdpr', 'export', '--visitor', visitorId]);
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout).related.messages.map((m: { text: string }) => m.text)).toContain(
      'erase me please',
    );
    expect(cli(['gdpr', 'delete']).status).toBe(2);
    const erased = cli(['gdpr', 'delete', '--visitor', visitorId]);
    expect(erased.stdout).toMatch(/^erased visitor:v_\S+: 1 conversation\(s\)/);
    expect(cli(['token', 'list']).stdout).toMatch(new RegExp(`${id}\\tadmin\\tactive`));
    expect(cli(['token', 'revoke', id]).stdout).toBe(`revoked ${id}\n`);
    expect(cli(['token', 'revoke', id]).status).toBe(2);

    server = await serve();
    try {
      expect(
        (await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401);
      expect(await server.db.query('SELECT 1 FROM conversations WHERE visitor_id = $1', [visitorId])).toHaveLength(0);
      const actions = (await server.security.audit.list({ limit: 20 })).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['token.revoked', 'gdpr.deleted', 'gdpr.exported']));
    } finally {
      await server.close();
    }
  });
});
