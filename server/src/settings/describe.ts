import { z } from 'zod';
import type { Setting } from './define.js';

/** Markdown of a doc cell as plain text for `--help`: no backticks, links as their text. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/`/g, '')
    .replace(/\\\|/g, '|');
}

/** A default value as the docs show it: `3000`, on/off, a comma-separated list. */
function showValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.length ? `\`${v.join(',')}\`` : 'none';
  return `\`${String(v)}\``;
}

/** The default of a setting for the docs and `--help` (`none` when it has none). */
export function describeDefault(s: Setting): string {
  if (s.shownDefault) return s.shownDefault;
  if (!(s.type instanceof z.ZodDefault)) return 'none';
  const shown = showValue((s.type._def as { defaultValue: () => unknown }).defaultValue());
  return s.unit && shown !== 'none' ? `${shown} ${s.unit}` : shown;
}
