// Custom attributes of a customer (plan, company, lifetime value…): signed ones come inside the host's identify JWT,
// unsigned ones from `chat.setAttributes()`. Both are kept apart so staff always see which the website vouched for.
import { z } from 'zod';
import { wireError } from './errors.js';
import type { Parsed } from './validate.js';

/** Limits on custom attributes (server settings `maxAttributes`, `maxAttributeLength`). */
export interface AttributeLimits {
  /** Keys per kind (signed, unsigned) on one conversation (default 50). */
  maxAttributes: number;
  /** Characters in one string value (default 500). */
  maxAttributeLength: number;
}

/** The defaults documented in docs/server-config.md. */
export const DEFAULT_ATTRIBUTE_LIMITS: AttributeLimits = { maxAttributes: 50, maxAttributeLength: 500 };

/** Keys: a letter, then letters, digits, `_ . -`; at most 64 characters (safe as a label and in a filter). */
export const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

const attributeValueSchema = (limits: AttributeLimits) =>
  z.union([z.string().max(limits.maxAttributeLength), z.number().finite(), z.boolean()]);

const attributeRecord = <V extends z.ZodTypeAny>(limits: AttributeLimits, value: V) =>
  z
    .record(z.string().regex(ATTRIBUTE_KEY, 'keys: a letter, then letters, digits, _ . - (≤ 64)'), value)
    .refine((o) => Object.keys(o).length <= limits.maxAttributes, {
      message: `at most ${limits.maxAttributes} attributes`,
    });

/** Signed attributes: the `attributes` claim of an identity token. */
export const signedAttributesSchema = (limits: AttributeLimits = DEFAULT_ATTRIBUTE_LIMITS) =>
  attributeRecord(limits, attributeValueSchema(limits));

/** The `attributes` event (`chat.setAttributes()`): unsigned attributes, merged; a `null` value removes the key. */
export const setAttributesSchema = (limits: AttributeLimits = DEFAULT_ATTRIBUTE_LIMITS) =>
  z.object({ attributes: attributeRecord(limits, attributeValueSchema(limits).nullable()) }).strict();

/** One attribute value; `null` in `setAttributes` removes the key. */
export type AttributeValue = z.infer<ReturnType<typeof attributeValueSchema>>;

/** Attributes by key. */
export type Attributes = z.infer<ReturnType<typeof signedAttributesSchema>>;

/** A conversation's attributes as staff see them: `signed` came in the verified identity token, `unsigned` from the page. */
export interface ConversationAttributes {
  signed?: Attributes;
  unsigned?: Attributes;
}

function parsed<T>(r: { success: true; data: T } | { success: false; error: z.ZodError }, field: string): Parsed<T> {
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  const at = [field, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || 'attributes';
  return { ok: false, error: wireError('invalid_payload', `${at}: ${issue?.message ?? 'invalid'}`, { field: at }) };
}

/** Validate a `setAttributes` payload `{ attributes }` (null values remove keys). */
export function parseSetAttributes(
  payload: unknown,
  limits: AttributeLimits = DEFAULT_ATTRIBUTE_LIMITS,
): Parsed<z.output<ReturnType<typeof setAttributesSchema>>> {
  return parsed(setAttributesSchema(limits).safeParse(payload), '');
}

/** Validate the `attributes` claim of an identity token. */
export function parseSignedAttributes(
  claim: unknown,
  limits: AttributeLimits = DEFAULT_ATTRIBUTE_LIMITS,
): Parsed<Attributes> {
  return parsed(signedAttributesSchema(limits).safeParse(claim), 'attributes');
}
