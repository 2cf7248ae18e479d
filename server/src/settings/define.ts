import { z } from 'zod';

/** Why a setting has no environment variable or no flag (secrets stay out of the process list, for example). */
export interface NoneBecause {
  none: string;
}

/** One row of the settings table: the single source of the config schema, the environment, the flags and the docs. */
export interface Setting<T extends z.ZodTypeAny = z.ZodTypeAny> {
  /** The zod type with its default; it validates options from code, the environment and flags alike. */
  type: T;
  /** What it does, one line (a row of docs/server-config.md; Markdown allowed). */
  doc: string;
  /** A shorter text for `switchboard serve --help` when the first sentence of `doc` is not the right one. */
  help?: string;
  /** The environment variable, or why there is none. */
  env: string | NoneBecause;
  /** The commander flag of `switchboard serve` (`--port <port>`, `-p, --port <port>`, `--watch`), or why there is none. */
  flag: string | NoneBecause;
  /** A boolean flag that also has its `--no-` form (needed when the default is on). */
  negatable?: boolean;
  /** Unit of a number, shown next to its default (`ms`, `bytes`, `MB`, `characters`). */
  unit?: string;
  /** The default as the docs show it, when the value alone does not tell it. */
  shownDefault?: string;
}

/** Declare one setting (keeps the zod type's precise type for the derived schema). */
export function setting<T extends z.ZodTypeAny>(s: Setting<T>): Setting<T> {
  return s;
}

/** How a text from the environment or a flag becomes a value: a boolean, a comma-separated list, or as it is. */
export type InputKind = 'boolean' | 'list' | 'value';

/** The input kind of a zod type, looking through defaults, optionals and preprocessing. */
export function inputKind(type: z.ZodTypeAny): InputKind {
  let t: z.ZodTypeAny = type;
  for (;;) {
    if (t instanceof z.ZodDefault || t instanceof z.ZodOptional) t = t._def.innerType as z.ZodTypeAny;
    else if (t instanceof z.ZodEffects) t = t._def.schema as z.ZodTypeAny;
    else break;
  }
  if (t instanceof z.ZodBoolean) return 'boolean';
  if (t instanceof z.ZodArray) return 'list';
  return 'value';
}

/** `"a, b,,c"` → `['a', 'b', 'c']`. */
export function listInput(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `"true"`/`"1"`/`"yes"` and `"false"`/`"0"`/`"no"` as booleans; anything else stays as it is for zod to refuse. */
export function booleanInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  if (/^(true|1|yes)$/i.test(v.trim())) return true;
  if (/^(false|0|no)$/i.test(v.trim())) return false;
  return v;
}

/** `"2"` → 2, `"true"` → true, `"10.0.0.0/8, 127.0.0.1"` → a list: the same forms from a flag, the environment or code. */
export function trustProxyInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  if (/^\d+$/.test(s)) return Number(s);
  return listInput(s);
}

/** A whole number from code, the environment or a flag, at least `min`. */
export const int = (min: number, max?: number) =>
  max === undefined ? z.coerce.number().int().min(min) : z.coerce.number().int().min(min).max(max);

/** A duration like `30m`, `12h`, `7d`. */
export const duration = () => z.string().regex(/^\d+[smhd]$/);

/** Why a secret has no flag. */
export const SECRET_NO_FLAG: NoneBecause = { none: 'it is a secret, and the process list would show a flag' };
