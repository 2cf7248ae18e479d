import { describe, expect, it, vi } from 'vitest';
import { benchArgs, usage } from './cli.js';

const spec = {
  clients: { type: 'number', default: 100, integer: true, help: 'customers' },
  url: { type: 'string', help: 'target server' },
  chaos: { type: 'boolean', help: 'faults' },
} as const;

function exits(argv: string[]) {
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    benchArgs('bench', 'A bench.', spec, argv);
    return undefined;
  } catch (err) {
    return { code: (err as Error).message, said: String(stderr.mock.calls[0]?.[0]) };
  } finally {
    exit.mockRestore();
    stderr.mockRestore();
  }
}

describe('benchArgs', () => {
  it('parses flags with defaults', () => {
    expect(benchArgs('bench', 'A bench.', spec, [])).toEqual({ clients: 100, url: undefined, chaos: false });
    expect(benchArgs('bench', 'A bench.', spec, ['--clients', '7', '--url=http://127.0.0.1:1', '--chaos'])).toEqual({
      clients: 7,
      url: 'http://127.0.0.1:1',
      chaos: true,
    });
  });

  it('rejects unknown flags and bad numbers with exit 2 and a reason', () => {
    expect(exits(['--clinets', '5'])).toMatchObject({
      code: 'exit 2',
      said: expect.stringContaining("Unknown option '--clinets'"),
    });
    expect(exits(['--clients=-3'])).toMatchObject({
      code: 'exit 2',
      said: expect.stringContaining('--clients must be a positive whole number'),
    });
    expect(exits(['--clients', '2.5'])).toMatchObject({ code: 'exit 2' });
  });

  it('documents every flag with its default', () => {
    expect(usage('bench', 'A bench.', spec)).toMatch(/--clients N\s+customers \(default 100\)/);
  });
});
