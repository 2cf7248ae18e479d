import { z } from 'zod';
import type { Setting } from './define.js';
import { HANDOFF_SETTINGS } from './handoff-settings.js';
import { INTEGRATION_SETTINGS } from './integration-settings.js';
import { LIMIT_SETTINGS } from './limit-settings.js';
import { SECURITY_SETTINGS } from './security-settings.js';
import { SERVER_SETTINGS } from './server-settings.js';

/** The settings in groups, in the order docs/server-config.md shows them. */
export const SETTING_GROUPS = [
  { title: 'Server and storage', settings: SERVER_SETTINGS },
  { title: 'Security', settings: SECURITY_SETTINGS },
  { title: 'Limits', settings: LIMIT_SETTINGS },
  { title: 'Attachments, e-mail and the LLM', settings: INTEGRATION_SETTINGS },
  { title: 'Handoff, webhooks and analytics', settings: HANDOFF_SETTINGS },
] as const;

/** Every server setting by its option name: the one table the schema, environment, flags and docs come from. */
export const SETTINGS = {
  ...SERVER_SETTINGS,
  ...SECURITY_SETTINGS,
  ...LIMIT_SETTINGS,
  ...INTEGRATION_SETTINGS,
  ...HANDOFF_SETTINGS,
};

/** An option name of `createServer`. */
export type SettingKey = keyof typeof SETTINGS;

/** Every setting as `[key, row]`, in table order. */
export const SETTING_ENTRIES = Object.entries(SETTINGS) as [SettingKey, Setting][];

type Shape = { [K in SettingKey]: (typeof SETTINGS)[K]['type'] };

/** Every server setting, with its default; unknown options are refused. */
export const configSchema = z
  .object(Object.fromEntries(SETTING_ENTRIES.map(([key, s]) => [key, s.type])) as Shape)
  .strict();
