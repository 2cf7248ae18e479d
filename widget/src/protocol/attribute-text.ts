// Attribute filters as a person types them in the console (`plan=enterprise, seats=10`). Kept free of zod so the
// console can read the field without bundling the validator; the server validates what arrives (attribute-filters.ts).
import { wireError, type WireError } from './errors.js';
import type { Parsed } from './validate.js';

/** The error of a bad filter: always `invalid_attribute_filter`, naming the attribute when one is at fault. */
export function attributeFilterError(message: string, name?: string): WireError {
  return wireError('invalid_attribute_filter', name ? `attr.${name}: ${message}` : message, {
    field: name ? `attr.${name}` : 'attr',
  });
}

// A new pair starts at a comma or semicolon followed by `name=`, so a value may itself hold commas ("Acme, Inc.").
const PAIR_BREAK = /[,;]\s*(?=[A-Za-z][A-Za-z0-9_.-]*\s*=)/;

/**
 * `plan=enterprise, company=Acme, Inc.` → `{ plan: 'enterprise', company: 'Acme, Inc.' }`; a part without `name=` →
 * `invalid_attribute_filter`. Names and lengths are checked where the filters are used (`parseAttributeFilters`).
 */
export function attributeFiltersFromText(text: string): Parsed<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const part of text.trim() ? text.trim().split(PAIR_BREAK) : []) {
    const at = part.indexOf('=');
    if (at < 1) return { ok: false, error: attributeFilterError(`"${part.trim()}": write name=value, e.g. plan=pro`) };
    found[part.slice(0, at).trim()] = part
      .slice(at + 1)
      .trim()
      .replace(/[,;]$/, '');
  }
  return { ok: true, value: found };
}
