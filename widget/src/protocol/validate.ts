import { z } from 'zod';
import { wireError, type WireError } from './errors.js';
import type { ClientToServerEvents, SendPayload } from './events.js';
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

/** The first problem of a failed parse: the wire error a schema chose (`text_empty`…), else `invalid_payload` naming the field. */
function fail(error: z.ZodError): Parsed<never> {
  const issue = error.issues[0];
  const chosen = issue?.code === z.ZodIssueCode.custom ? (issue.params?.wire as WireError | undefined) : undefined;
  if (chosen) return { ok: false, error: chosen };
  const field = issue?.path.join('.') || undefined;
  return {
    ok: false,
    error: wireError('invalid_payload', `${field ?? 'payload'}: ${issue?.message ?? 'invalid'}`, { field }),
  };
}

/** Validate a payload with one of the protocol's schemas: the one validator of both namespaces, `/chat` and `/agents`. */
export function parseWith<S extends z.ZodTypeAny>(schema: S, payload: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(payload);
  return r.success ? { ok: true, value: r.data } : fail(r.error);
}

/** `parseWith` bound to a schema, the form socket handlers take. */
export const validator =
  <S extends z.ZodTypeAny>(schema: S) =>
  (payload: unknown): Parsed<z.output<S>> =>
    parseWith(schema, payload);

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

/** A message text as `parseText` checks it, with its own error codes (`text_empty`, `text_too_long`). */
export const messageTextSchema = (limits: ProtocolLimits = DEFAULT_LIMITS) =>
  z.string({ required_error: 'expected a string', invalid_type_error: 'expected a string' }).transform((raw, ctx) => {
    const text = parseText(raw, limits);
    if (text.ok) return text.value;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: text.error.message, params: { wire: text.error } });
    return z.NEVER;
  });

/** A `message:send` payload: the client id that makes resending safe, and the text. */
export const sendSchema = (limits: ProtocolLimits = DEFAULT_LIMITS) =>
  z.object({ clientId: clientIdSchema(limits), text: messageTextSchema(limits) });

/** Validate a customer's or staff member's `message:send` payload. */
export function parseSend(payload: unknown, limits: ProtocolLimits = DEFAULT_LIMITS): Parsed<SendPayload> {
  return parseWith(sendSchema(limits), payload);
}

/** A `history` request: messages with `seq > afterSeq`, at most `limit`. */
export const historySchema = z.object({
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(1000).optional(),
});

/** Validate a `history` request. */
export const parseHistory = validator(historySchema);

/** A customer's `typing` event. */
export const typingSchema = z.object({ typing: z.boolean() });

/** Validate a `typing` event. */
export const parseTyping = validator(typingSchema);

/** A customer's `feedback` on one AI answer. */
export const feedbackSchema = z.object({ messageId: z.string().min(1).max(100), helpful: z.boolean() });

/** Validate a `feedback` event. */
export const parseFeedback = validator(feedbackSchema);

/** Free text from a customer other than a message (names, ids, comments): the same normaliser as messages. */
export const customerString = (max: number) => z.string().max(max).transform(normalizeText);

/** An `identify` event: a host-signed token, or self-asserted details. */
export const identifySchema = z.object({
  token: z.string().min(1).max(8192).optional(),
  id: customerString(200).pipe(z.string().min(1)).optional(),
  name: customerString(200).optional(),
  email: customerString(320).pipe(z.string().email()).optional(),
});

/** Validate an `identify` event. */
export const parseIdentify = validator(identifySchema);

/** A `csat` rating (1–5) with an optional comment. */
export const csatSchema = z.object({
  rating: z.number().int().min(1).max(5),
  comment: customerString(2000).optional(),
});

/** Validate a `csat` rating. */
export const parseCsat = validator(csatSchema);

/** A `contact` event: the e-mail address an offline ticket is answered at. */
export const contactSchema = z.object({ email: z.string().email().max(320) });

/** Validate a `contact` (offline ticket e-mail) event. */
export const parseContact = validator(contactSchema);

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
] as const satisfies ReadonlyArray<keyof ClientToServerEvents>;
