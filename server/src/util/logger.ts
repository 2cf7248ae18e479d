import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Create the structured logger; `LOG_LEVEL` overrides the level (tests default to `silent`). @example createLogger({ level: 'debug' }) */
export function createLogger(options: { level?: string; name?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  // Readable lines for a person at a terminal; JSON (one object a line) for log collectors, files and pipes.
  const readable = options.pretty ?? (process.stdout.isTTY === true && process.env.SWITCHBOARD_LOG_FORMAT !== 'json');
  if (!readable) return pino({ name: options.name ?? 'switchboard', level });
  return pino(
    { name: options.name ?? 'switchboard', level },
    pretty({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,name', sync: true }),
  );
}
