// The server's settings: one table (settings/table.ts) gives the schema, the environment variables, the `serve` flags
// and docs/server-config.md. This module keeps the names callers import.
export { configSchema, SETTINGS, type SettingKey } from './settings/table.js';
export { ENV_VARS } from './settings/env.js';
export { ConfigError } from './settings/errors.js';
export { configFromEnv, resolveConfig, type Config, type ConfigInput, type Settings } from './settings/resolve.js';
