// Filters on customers' custom attributes, shared by the console search and the analytics report: `attr.plan=enterprise`
// in a query string, `{ plan: 'enterprise' }` in a socket payload, `plan=enterprise, seats=10` typed in the console.
// One schema for all three, so the same filter means the same thing everywhere.
import { z } from 'zod';
import { ATTRIBUTE_KEY, DEFAULT_ATTRIBUTE_LIMITS } from './attributes.js';
import { attributeFilterError } from './attribute-text.js';
import type { Parsed } from './validate.js';

export { attributeFilterError, attributeFiltersFromText } from './attribute-text.js';

/** At most this many attribute filters in one search or report (they are combined with AND). */
export const MAX_ATTRIBUTE_FILTERS = 10;

/** Wanted attribute values by name; values compare as text, so `seats: '10'` matches the number 10. */
export type AttributeFilters = Record<string, string>;

/** The filters' schema: names as attribute keys are written, values of at most `maxLength` characters. */
export const attributeFiltersSchema = (maxLength = DEFAULT_ATTRIBUTE_LIMITS.maxAttributeLength) =>
  z
    .record(
      z.string().regex(ATTRIBUTE_KEY, 'an attribute name is a letter, then letters, digits, _ . - (at most 64)'),
      z.string().max(maxLength, `a value of at most ${maxLength} characters`),
    )
    .refine((o) => Object.keys(o).length <= MAX_ATTRIBUTE_FILTERS, {
      message: `at most ${MAX_ATTRIBUTE_FILTERS} attribute filters`,
    });

/** Validate filters given as an object (the socket payload's `attributes`). */
export function parseAttributeFilters(raw: unknown, maxLength?: number): Parsed<AttributeFilters> {
  const r = attributeFiltersSchema(maxLength).safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const name = issue?.path.length ? String(issue.path[0]) : undefined;
  return { ok: false, error: attributeFilterError(issue?.message ?? 'invalid', name) };
}

/** The `attr.<name>=<value>` parameters of a query string (others ignored), validated. */
export function attributeFiltersFromQuery(query: Record<string, string>, maxLength?: number): Parsed<AttributeFilters> {
  const found: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (key.startsWith('attr.')) found[key.slice(5)] = value;
  return parseAttributeFilters(found, maxLength);
}
