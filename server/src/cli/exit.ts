/** A usage or configuration error: the CLI prints its one-line message and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Print an error the CLI way and exit: usage errors exit 2, anything else 1. */
export function failAndExit(err: unknown): never {
  if (err instanceof UsageError) {
    process.stderr.write(`switchboard: ${err.message}\n`);
    process.exit(2);
  }
  const e = err as Error;
  process.stderr.write(`switchboard: ${e?.message ?? String(err)}\n`);
  if (process.env.DEBUG) process.stderr.write(`${e?.stack}\n`);
  process.exit(1);
}
