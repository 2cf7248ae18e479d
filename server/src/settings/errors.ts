/** Thrown for invalid configuration; the CLI prints its message (every problem, one a line) and exits with 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
