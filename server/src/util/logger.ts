import pino, { type Logger } from 'pino';

export type { Logger };

/** Create the structured logger; `LOG_LEVEL` overrides the level (tests default to `silent`). @example createLogger({ level: 'debug' }) */
export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ name: options.name ?? 'switchboard', level });
}
