// Flags of the benchmark scripts, parsed strictly by node:util's parseArgs: unknown flags and bad numbers exit 2 with
// the usage, `--help` prints it. One place, so every `npm run bench…` command behaves the same.
import { parseArgs } from 'node:util';

type Spec =
  | {
      type: 'number';
      default: number;
      help: string;
      integer?: boolean;
      /** Lowest allowed (default: above 0). */ min?: number;
    }
  | { type: 'string'; default?: string; help: string }
  | { type: 'boolean'; help: string };

type Values<S extends Record<string, Spec>> = {
  [K in keyof S]: S[K] extends { type: 'number' }
    ? number
    : S[K] extends { type: 'boolean' }
      ? boolean
      : S[K] extends { default: string }
        ? string
        : string | undefined;
};

/** Usage text: the command line, then one line per flag with its default. */
export function usage(command: string, description: string, spec: Record<string, Spec>): string {
  const lines = Object.entries(spec).map(([name, s]) => {
    const arg = s.type === 'boolean' ? '' : s.type === 'number' ? ' N' : ' VALUE';
    const def = s.type !== 'boolean' && s.default !== undefined ? ` (default ${s.default})` : '';
    return `  --${name}${arg}`.padEnd(26) + s.help + def;
  });
  return `${description}\n\nUsage: ${command} [flags]\n\n${lines.join('\n')}\n  --help                  this text\n`;
}

/**
 * Parse `argv` against a flag spec; exits 2 with a one-line reason and the usage on a mistake.
 * @example const f = benchArgs('npm run bench:kb --', 'Knowledge-base benchmark.', { chunks: { type: 'number', default: 20000, help: 'chunks to index' } });
 */
export function benchArgs<S extends Record<string, Spec>>(
  command: string,
  description: string,
  spec: S,
  argv = process.argv.slice(2),
): Values<S> {
  const text = usage(command, description, spec);
  const fail = (reason: string): never => {
    process.stderr.write(`${reason}\n\n${text}`);
    process.exit(2);
  };
  let parsed: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries([
      ...Object.entries(spec).map(
        ([name, s]) => [name, { type: s.type === 'boolean' ? 'boolean' : 'string' }] as const,
      ),
      ['help', { type: 'boolean' }] as const,
    ]);
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    return fail((err as Error).message);
  }
  if (parsed.help) {
    process.stdout.write(text);
    process.exit(0);
  }
  const out: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const raw = parsed[name];
    if (s.type === 'boolean') out[name] = raw === true;
    else if (s.type === 'string') out[name] = raw ?? s.default;
    else {
      const value = raw === undefined ? s.default : Number(raw);
      const tooLow = s.min === undefined ? value <= 0 : value < s.min;
      if (!Number.isFinite(value) || tooLow || (s.integer && !Number.isInteger(value)))
        fail(
          `--${name} must be a ${s.min === undefined ? 'positive' : `≥ ${s.min}`} ${s.integer ? 'whole ' : ''}number, not "${raw}"`,
        );
      out[name] = value;
    }
  }
  return out as Values<S>;
}
