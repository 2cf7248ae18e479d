import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveAssignment } from '../handoff/assignment/config.js';
import { businessHours } from '../handoff/hours.js';
import { readRouterConfig, type RouterConfig } from '../router/config.js';
import { proxyEntryError } from '../security/client-ip.js';
import { originPatternError } from '../security/origins.js';
import { ConfigError } from './errors.js';
import type { Settings } from './resolve.js';

type Fail = (message: string) => void;

/** Checks across settings and against the file system that one zod type alone cannot make; reports through `fail`. */
export function checkConfig(config: Settings, fail: Fail): void {
  loadIdentitySecret(config, fail);
  checkFiles(config, fail);
  checkProduction(config, fail);
  for (const check of [
    () => businessHours(config.businessHours, config.timeZone),
    () => resolveAssignment(config.assignment),
  ]) {
    try {
      check();
    } catch (err) {
      fail(`invalid configuration: ${(err as Error).message}`);
    }
  }
  for (const entry of Array.isArray(config.trustProxy) ? config.trustProxy : []) {
    const problem = proxyEntryError(entry);
    if (problem) fail(`invalid configuration: trustProxy: ${problem}`);
  }
  for (const origin of config.allowedOrigins) {
    const problem = originPatternError(origin);
    if (problem) fail(`invalid configuration: allowedOrigins: ${problem}`);
    if (origin === '*' && config.mode === 'production') fail('production mode needs real --allowed-origins, not *');
  }
}

/** `identitySecretFile` → `identitySecret` (not both). */
function loadIdentitySecret(config: Settings, fail: Fail): void {
  if (!config.identitySecretFile) return;
  if (config.identitySecret) return fail('give identitySecret or identitySecretFile, not both');
  try {
    config.identitySecret = readSecretFile(config.identitySecretFile, 'identitySecretFile');
  } catch (err) {
    fail((err as Error).message);
  }
}

/** The knowledge-base paths and the agents file exist. */
function checkFiles(config: Settings, fail: Fail): void {
  for (const path of config.kb) {
    if (!existsSync(path)) {
      fail(`knowledge base not found: ${resolve(path)} (--kb)`);
      continue;
    }
    try {
      statSync(path);
    } catch {
      fail(`knowledge base not readable: ${resolve(path)} (--kb)`);
    }
  }
  if (config.config && !existsSync(config.config)) fail(`config file not found: ${resolve(config.config)} (--config)`);
}

/** The agents file (`config`) merged over the shipped agents; its problems, each naming the file and the field, fail. */
export function loadAgentsFile(config: Settings, fail: Fail): RouterConfig | undefined {
  // A missing file is already reported by checkFiles.
  if (config.config && !existsSync(config.config)) return undefined;
  const read = readRouterConfig(config.config);
  for (const problem of read.problems ?? []) fail(`invalid agents file: ${problem}`);
  return read.config;
}

/** Production needs an origin allow-list, a shared secret and a guarded `/metrics`. */
function checkProduction(config: Settings, fail: Fail): void {
  if (config.mode !== 'production') return;
  if (!config.allowedOrigins.length) fail('production mode needs --allowed-origins (SWITCHBOARD_ALLOWED_ORIGINS)');
  if (!config.secret)
    fail(
      'production mode needs the SWITCHBOARD_SECRET environment variable (a long random string), shared by every node',
    );
  if (!config.metricsToken && !config.metricsPublic)
    fail(
      'production mode needs SWITCHBOARD_METRICS_TOKEN for /metrics, or --metrics-public when something else guards it',
    );
}

/** Read a secret from a file (trimmed); at least 16 characters, like the option itself. */
function readSecretFile(path: string, option: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw new ConfigError(`${option}: cannot read ${resolve(path)}`);
  }
  if (text.length < 16)
    throw new ConfigError(`${option}: the secret in ${resolve(path)} is shorter than 16 characters`);
  return text;
}
