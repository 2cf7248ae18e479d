import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { settingsFromEnv } from './env.js';
import { settingFlags, settingsFromFlags } from './flags.js';
import { resolveConfig } from './resolve.js';

/** Parse `serve` arguments the way the CLI does, without running it. */
function fromFlags(args: string[]): Record<string, unknown> {
  const flags = settingFlags();
  const cmd = new Command('serve').exitOverride();
  for (const { option } of flags) cmd.addOption(option);
  cmd.parse(args, { from: 'user' });
  return settingsFromFlags(flags, cmd.opts());
}

describe('settings from the environment', () => {
  it('reads booleans, lists and values by the setting type', () => {
    const env = {
      SWITCHBOARD_WATCH_KB: 'yes',
      SWITCHBOARD_LABEL_ROUTED_AGENT: '0',
      SWITCHBOARD_KB: 'a, b,,c',
      SWITCHBOARD_TRUST_PROXY: '2',
      SWITCHBOARD_JOB_SWEEP_MS: '750',
      SWITCHBOARD_DEMO: '',
    };
    expect(settingsFromEnv(env)).toEqual({
      watchKb: true,
      labelRoutedAgent: false,
      kb: ['a', 'b', 'c'],
      trustProxy: '2',
      jobSweepMs: '750',
    });
    const config = resolveConfig({}, { SWITCHBOARD_TRUST_PROXY: '2', SWITCHBOARD_JOB_SWEEP_MS: '750' });
    expect(config).toMatchObject({ trustProxy: 2, jobSweepMs: 750, labelRoutedAgent: true, demo: true });
  });
});

describe('settings from serve flags', () => {
  it('sets only what was given, so the environment fills in the rest', () => {
    expect(fromFlags([])).toEqual({});
    expect(fromFlags(['-p', '8080', '--kb', 'a', '--kb', 'b,c', '--no-label-routed-agent', '--trust-proxy'])).toEqual({
      port: '8080',
      kb: ['a', 'b', 'c'],
      labelRoutedAgent: false,
      trustProxy: true,
    });
    expect(fromFlags(['--demo'])).toEqual({ demo: true });
    expect(fromFlags(['--no-demo'])).toEqual({ demo: false });
  });

  it('lets flags win over the environment', () => {
    const config = resolveConfig(fromFlags(['--port', '9000', '--watch']) as never, {
      PORT: '1',
      SWITCHBOARD_WATCH_KB: 'false',
    });
    expect(config).toMatchObject({ port: 9000, watchKb: true });
  });
});

describe('resolveConfig', () => {
  it('lists every problem at once, from the schema and the checks across settings', () => {
    const problems = () =>
      resolveConfig(
        { trustProxy: 'not-an-ip', allowedOrigins: ['ftp://x'] },
        { SWITCHBOARD_WATCH_KB: 'maybe', PORT: '70000' },
      );
    expect(problems).toThrow(ConfigError);
    expect(problems).toThrow(/2 configuration problems[\s\S]*port[\s\S]*watchKb/);
    const checks = () => resolveConfig({ trustProxy: 'not-an-ip', allowedOrigins: ['ftp://x'] }, {});
    expect(checks).toThrow(/2 configuration problems[\s\S]*trustProxy: "not-an-ip"[\s\S]*allowedOrigins/);
  });
});
