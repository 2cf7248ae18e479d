import type { z } from 'zod';
import type { RouterConfig } from '../router/config.js';
import { checkConfig, loadAgentsFile } from './checks.js';
import { settingsFromEnv } from './env.js';
import { ConfigError } from './errors.js';
import { configSchema } from './table.js';

/** The validated settings (`demo` decided: on in development, off in production unless asked). */
export type Settings = Omit<z.infer<typeof configSchema>, 'demo'> & { demo: boolean };
/** The validated configuration: the settings and the agents file (`config`) they name, loaded and merged once. */
export type Config = Settings & { routerConfig: RouterConfig };
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
  const settings: Settings = { ...parsed.data, demo: parsed.data.demo ?? parsed.data.mode !== 'production' };
  checkConfig(settings, fail);
  // Read here, before any database work: a broken agents file stops the start with the other problems (exit 2).
  const routerConfig = loadAgentsFile(settings, fail);
  if (problems.length || !routerConfig) throw problemsError(problems);
  return { ...settings, routerConfig };
}

/** One problem as its line; several as a count and a list. */
function problemsError(problems: string[]): ConfigError {
  if (problems.length === 1) return new ConfigError(problems[0]);
  return new ConfigError(`${problems.length} configuration problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
