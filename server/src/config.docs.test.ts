import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './cli/index.js';
import { configSchema, ENV_VARS } from './config.js';

const doc = readFileSync(new URL('../../docs/server-config.md', import.meta.url), 'utf8');

describe('docs/server-config.md', () => {
  it('documents every option of createServer', () => {
    for (const key of Object.keys(configSchema.shape)) expect(doc, `option ${key}`).toContain(`\`${key}\``);
  });

  it('documents every environment variable', () => {
    for (const name of Object.keys(ENV_VARS)) expect(doc, `variable ${name}`).toContain(`\`${name}\``);
  });

  it('documents every flag of switchboard serve', () => {
    const serve = buildProgram().commands.find((c) => c.name() === 'serve')!;
    for (const option of serve.options) expect(doc, `flag ${option.long}`).toContain(`\`${option.long}\``);
  });
});
