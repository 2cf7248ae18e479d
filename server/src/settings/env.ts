import { booleanInput, inputKind, listInput } from './define.js';
import { SETTING_ENTRIES, type SettingKey } from './table.js';

/** The environment variables read, and the option each one sets (from the settings table). */
export const ENV_VARS: Record<string, SettingKey> = Object.fromEntries(
  SETTING_ENTRIES.flatMap(([key, s]) => (typeof s.env === 'string' ? [[s.env, key]] : [])),
);

/** Read settings from environment variables: lists are comma-separated, booleans `true`/`1`/`yes` or `false`/`0`/`no`. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, s] of SETTING_ENTRIES) {
    const v = typeof s.env === 'string' ? env[s.env] : undefined;
    if (v === undefined || v === '') continue;
    const kind = inputKind(s.type);
    out[key] = kind === 'list' ? listInput(v) : kind === 'boolean' ? booleanInput(v) : v;
  }
  return out;
}
