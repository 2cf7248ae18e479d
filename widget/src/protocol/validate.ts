import { z } from 'zod';
import { wireError, type WireError } from './errors.js';
import { normalizeText } from './text.js';

/** Limits the validators enforce; the server passes its configured values. */
export interface ProtocolLimits {
  /** Maximum characters in one message text (default 4,000). */
  maxTextLength: number;
  /** Maximum characters in a client id (default 100). */
  maxClientIdLength: number;
}

/** The defaults documented in `docs/protocol.md`. */
export const DEFAULT_LIMITS: ProtocolLimits = { maxTextLength: 4000, maxClientIdLength: 100 };

/** Result of validating an inbound payload. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: WireError };

/** Client ids starting with this are the server's, for staff messages: a customer cannot pre-claim one. */
export const STAFF_CLIENT_ID_PREFIX = 'staff:';

/** A client id as customers (and staff, before the server prefixes it) may send it. */
export const clientIdSchema = (limits: Pick<ProtocolLimits, 'maxClientIdLength'>) =>
  z
    .string()
    .min(1)
    .max(limits.maxClientIdLength)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')
    .refine((id) => !id.startsWith(STAFF_CLIENT_ID_PREFIX), `the "${STAFF_CLIENT_ID_PREFIX}" prefix is reserved`);

function fail(error: z.ZodError): Parsed<never> {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  return {
    ok: false,
    error: wireError('invalid_payload', `${field ?? 'payload'}: ${issue?.message ?? 'invalid'}`, { field }),
  };
}

/** Validate and normalise message text: empty → `text_empty`, too long → `text_too_long`. */
export function parseText(raw: unknown, limits: ProtocolLimits = DEFAULT_LIMITS, field = 'text'): Parsed<string> {
  if (typeof raw !== 'string')
    return { ok: false, error: wireError('invalid_payload', `${field}: expected a string`, { field }) };
  // Checked before normalising too, so a huge payload is refused without scanning it twice.
  if (raw.length > limits.maxTextLength * 2) return { ok: false, error: tooLong(limits, field) };
  const text = normalizeText(raw);
  if (!text) return { ok: false, error: wireError('text_empty', undefined, { field }) };
  if (text.length > limits.maxTextLength) return { ok: false, error: tooLong(limits, field) };
  return { ok: true, value: text };
}

function tooLong(limits: ProtocolLimits, field: string): WireError {
  return wireError('text_too_long', `The message is longer than ${limits.maxTextLength} characters.`, { field });
}

function parseWith<S extends z.ZodTypeAny>(schema: S, payload: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(payload);
  return r.success ? { ok: true, value: r.data } : fail(r.error);
}

/** Validate a customer's or staff member's `message:send` payload. */
export function parseSend(
  payload: unknown,
  limits: ProtocolLimits = DEFAULT_LIMITS,
): Parsed<{ clientId: string; text: string }> {
  const shape = parseWith(z.object({ clientId: clientIdSchema(limits), text: z.unknown() }).passthrough(), payload);
  if (!shape.ok) return shape;
  const text = parseText(shape.value.text, limits);
  return text.ok ? { ok: true, value: { clientId: shape.value.clientId, text: text.value } } : text;
}

const historySchema = z.object({
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** Validate a `history` request. */
export function parseHistory(payload: unknown): Parsed<z.infer<typeof historySchema>> {
  return parseWith(historySchema, payload);
}

const typingSchema = z.object({ typing: z.boolean() });

/** Validate a `typing` event. */
export function parseTyping(payload: unknown): Parsed<z.infer<typeof typingSchema>> {
  return parseWith(typingSchema, payload);
}

const feedbackSchema = z.object({ messageId: z.string().min(1).max(100), helpful: z.boolean() });

/** Validate a `feedback` event. */
export function parseFeedback(payload: unknown): Parsed<z.infer<typeof feedbackSchema>> {
  return parseWith(feedbackSchema, payload);
}

/** Free text from a customer other than a message (names, ids, comments): the same normaliser as messages. */
export const customerString = (max: number) => z.string().max(max).transform(normalizeText);

const identifySchema = z.object({
  token: z.string().min(1).max(8192).optional(),
  id: customerString(200).pipe(z.string().min(1)).optional(),
  name: customerString(200).optional(),
  email: customerString(320).pipe(z.string().email()).optional(),
});

/** Validate an `identify` event. */
export function parseIdentify(payload: unknown): Parsed<z.infer<typeof identifySchema>> {
  return parseWith(identifySchema, payload);
}

const csatSchema = z.object({ rating: z.number().int().min(1).max(5), comment: customerString(2000).optional() });

/** Validate a `csat` rating. */
export function parseCsat(payload: unknown): Parsed<z.infer<typeof csatSchema>> {
  return parseWith(csatSchema, payload);
}

const contactSchema = z.object({ email: z.string().email().max(320) });

/** Validate a `contact` (offline ticket e-mail) event. */
export function parseContact(payload: unknown): Parsed<z.infer<typeof contactSchema>> {
  return parseWith(contactSchema, payload);
}

/** The chat events the server accepts; anything else gets `unknown_event`. */
export const CHAT_EVENTS = [
  'message:send',
  'history',
  'typing',
  'feedback',
  'identify',
  'csat',
  'contact',
  'attributes',
] as const;
