import type { z } from 'zod';
import { checkConfig } from './checks.js';
import { settingsFromEnv } from './env.js';
import { ConfigError } from './errors.js';
import { configSchema } from './table.js';

/** The validated configuration (`demo` decided: on in development, off in production unless asked). */
export type Config = Omit<z.infer<typeof configSchema>, 'demo'> & { demo: boolean };
/** Configuration as given by a caller (everything optional). */
export type ConfigInput = z.input<typeof configSchema>;

/** Read settings from environment variables (lists are comma-separated). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ConfigInput {
  return settingsFromEnv(env) as ConfigInput;
}

/** Validate settings (explicit options win over the environment); throws ConfigError listing every problem, one a line. */
export function resolveConfig(options: ConfigInput = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const merged = { ...configFromEnv(env), ...stripUndefined(options) };
  const parsed = configSchema.safeParse(merged);
  // Every problem at once, so an operator fixes them in one go rather than one per start.
  const problems: string[] = [];
  const fail = (message: string) => void problems.push(message);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const where = issue.path.join('.') || 'options';
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : `${where}: ${issue.message}`;
      fail(`invalid configuration: ${what}`);
    }
    throw problemsError(problems);
  }
  const config: Config = { ...parsed.data, demo: parsed.data.demo ?? parsed.data.mode !== 'production' };
  checkConfig(config, fail);
  if (problems.length) throw problemsError(problems);
  return config;
}

/** One problem as its line; several as a count and a list. */
function problemsError(problems: string[]): ConfigError {
  if (problems.length === 1) return new ConfigError(problems[0]);
  return new ConfigError(`${problems.length} configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
