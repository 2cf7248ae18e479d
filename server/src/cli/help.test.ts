import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './index.js';

/** Every command and subcommand, depth first. */
function all(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...all(c)]);
}

describe('switchboard --help', () => {
  const program = buildProgram();

  it('lists every command with a description', () => {
    const top = program.helpInformation();
    for (const c of program.commands) {
      expect(c.description(), c.name()).not.toBe('');
      expect(top).toContain(c.name());
    }
  });

  it('describes every option of every subcommand', () => {
    for (const c of all(program)) {
      expect(c.description(), c.name()).not.toBe('');
      for (const o of c.options) expect(o.description, `${c.name()} ${o.flags}`).not.toBe('');
    }
  });

  it('gives each flag name one meaning: --data is always the data folder', () => {
    for (const c of all(program)) {
      // Hidden aliases (eval conversations' --data, the spelling of its issue) are not part of the help's vocabulary.
      const data = c.options.find((o) => o.long === '--data' && !o.hidden);
      if (data) expect(data.description, c.name()).toMatch(/data folder/);
    }
  });

  it('ships the commands the docs promise', () => {
    const names = all(program).map((c) => c.name());
    for (const n of [
      'serve',
      'ingest',
      'eval',
      'retrieval',
      'routing',
      'train-router',
      'user',
      'token',
      'export',
      'gdpr',
    ])
      expect(names).toContain(n);
  });
});
