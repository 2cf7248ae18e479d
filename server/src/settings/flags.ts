import { Option } from 'commander';
import { inputKind, listInput, type Setting } from './define.js';
import { describeDefault, plainText } from './describe.js';
import { SETTING_ENTRIES, type SettingKey } from './table.js';

/** A `switchboard serve` option and the setting it sets. */
export interface SettingFlag {
  option: Option;
  key: SettingKey;
}

const appendList = (v: string, prev: string[] = []) => [...prev, ...listInput(v)];

/** The `--help` line of a setting: its short text, environment variable and default. */
function flagHelp(s: Setting): string {
  const text = s.help ?? plainText(s.doc);
  const env = typeof s.env === 'string' ? `env ${s.env}` : '';
  const shown = plainText(describeDefault(s));
  const dflt = shown === 'none' ? '' : `default ${shown}`;
  const tail = [env, dflt].filter(Boolean).join('; ');
  return tail ? `${text} (${tail})` : text;
}

/** Every `switchboard serve` option derived from the settings table (with the `--no-` forms of negatable booleans). */
export function settingFlags(): SettingFlag[] {
  return SETTING_ENTRIES.flatMap(([key, s]) => {
    if (typeof s.flag !== 'string') return [];
    const option = new Option(s.flag, flagHelp(s));
    if (inputKind(s.type) === 'list') option.argParser(appendList);
    const flags: SettingFlag[] = [{ option, key }];
    if (s.negatable) {
      const long = s.flag.split(/[ ,]+/).find((f) => f.startsWith('--'))!;
      flags.push({ option: new Option(`--no-${long.slice(2)}`, `turn ${long} off`), key });
    }
    return flags;
  });
}

/** Turn parsed commander options into settings (only those given: the environment fills in the rest). */
export function settingsFromFlags(flags: SettingFlag[], opts: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { option, key } of flags) {
    const v = opts[option.attributeName()];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
