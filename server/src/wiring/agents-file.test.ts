import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { createServer } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-agents-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the agents file at start-up', () => {
  it('is validated with the settings, before the embedded database is opened or migrated', async () => {
    const file = join(dir, 'agents.json');
    writeFileSync(file, JSON.stringify({ agents: [{ name: 'human', description: 'x', examples: ['a'] }] }));
    const dataDir = join(dir, 'data');
    const starting = createServer({ config: file, dataDir, databaseUrl: undefined, embedder: 'hash' });
    await expect(starting).rejects.toBeInstanceOf(ConfigError);
    await expect(starting).rejects.toThrow(
      /invalid agents file: .*agents\.json: agents: "human" is the escalation route/,
    );
    expect(existsSync(join(dataDir, 'db'))).toBe(false);
  });
});
