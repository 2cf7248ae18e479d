import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ARGS } from '../testing/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Not the repository's environment: a SWITCHBOARD_SECRET or DATABASE_URL there must not hide a problem.
const env = { PATH: process.env.PATH, HOME: process.env.HOME };
const serve = (args: string[], data = join(dir, 'data')) =>
  spawnSync(process.execPath, [...CLI_ARGS, 'serve', '--data', data, ...args], {
    encoding: 'utf8',
    env,
    timeout: 110_000,
  });

describe('serve checks before the slow start', () => {
  it('lists every configuration problem at once and exits 2', () => {
    const r = serve(['--mode', 'production', '--kb', join(dir, 'missing-kb'), '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/4 configuration problems/);
    expect(r.stderr).toMatch(/knowledge base not found: .*missing-kb/);
    expect(r.stderr).toMatch(/--allowed-origins/);
    expect(r.stderr).toMatch(/SWITCHBOARD_SECRET environment variable/);
    expect(r.stderr).toMatch(/SWITCHBOARD_METRICS_TOKEN/);
    expect(r.stderr).not.toMatch(/--secret\b/);
  });

  it('lists every problem of a broken agents file (exit 2) before the database is opened or migrated', () => {
    const agents = join(dir, 'broken-agents.yaml');
    writeFileSync(
      agents,
      [
        'agents:',
        '  - name: Bad Name',
        '    description: x',
        '    examples: [a]',
        '  - name: empty',
        '    description: x',
        '    examples: []',
        'routing:',
        '  method: magic',
      ].join('\n'),
    );
    const data = join(dir, 'fresh');
    const r = serve(['--config', agents, '--embedder', 'hash', '--port', '0'], data);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/3 configuration problems/);
    expect(r.stderr).toMatch(/invalid agents file: .*broken-agents\.yaml: agents\.0\.name/);
    expect(r.stderr).toMatch(/broken-agents\.yaml: agents\.1\.examples: needs at least one example/);
    expect(r.stderr).toMatch(/broken-agents\.yaml: routing\.method/);
    // No embedded database was created, let alone migrated.
    expect(existsSync(join(data, 'db')) && readdirSync(join(data, 'db')).length).toBeFalsy();
  });

  it('says a port is in use (exit 2) instead of failing after start-up with EADDRINUSE', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as AddressInfo;
    try {
      const r = serve(['--port', String(port), '--embedder', 'hash', '--no-demo']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toBe(
        `switchboard: port ${port} on 127.0.0.1 is already in use (another server is running there): stop it, or choose another with --port or PORT`,
      );
    } finally {
      busy.close();
    }
  });
});
