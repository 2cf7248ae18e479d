// Conversation labels (by staff or by rules) and the console's search over conversations and messages.
import { z } from 'zod';
import { attributeFiltersSchema } from './attribute-filters.js';
import { attributeFilterError } from './attribute-text.js';
import { wireError } from './errors.js';
import type { ConversationState } from './messages.js';
import type { Parsed } from './validate.js';

/** A label on a conversation; `rule` labels are set by the server (e.g. the routed agent), `staff` ones by a person. */
export interface ConversationLabel {
  name: string;
  source: 'staff' | 'rule';
}

/** A label name: lower case, a letter or digit first, then letters, digits, space and `_ . : -`; at most 40 characters. */
export const labelNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.:-]*$/u, 'a letter or digit, then letters, digits, space, _ . : -');

/** Add (`on: true`) or remove a staff label. */
export const labelChangeSchema = z
  .object({ conversationId: z.string().min(1).max(100), label: labelNameSchema, on: z.boolean() })
  .strict();

const STATES = ['ai', 'waiting_human', 'human', 'closed'] as const satisfies readonly ConversationState[];
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'a date, YYYY-MM-DD');

/** A console search: free text (PostgreSQL web-search syntax: words, "a phrase", -not) and filters, all optional. */
export const searchQuerySchema = z
  .object({
    text: z.string().trim().max(200).optional(),
    state: z.enum(STATES).optional(),
    agent: z.string().min(1).max(40).optional(),
    label: labelNameSchema.optional(),
    /** A staff id, or `none` for unassigned conversations. */
    assignee: z.string().min(1).max(100).optional(),
    /** Conversations created on or after this day (UTC). */
    from: day.optional(),
    /** Conversations created before the end of this day (UTC). */
    to: day.optional(),
    limit: z.number().int().min(1).max(100).optional(),
    /** Custom attributes the customer must have, e.g. `{ plan: 'enterprise' }` (as analytics' `attr.<name>=`). */
    attributes: attributeFiltersSchema().optional(),
  })
  .strict();

/** What `conversations:search` accepts. */
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** Validate a search with the server's `maxAttributeLength`; a bad attribute filter → `invalid_attribute_filter`. */
export function parseSearchQuery(payload: unknown, maxAttributeLength?: number): Parsed<SearchQuery> {
  const r = searchQuerySchema
    .extend({ attributes: attributeFiltersSchema(maxAttributeLength).optional() })
    .safeParse(payload);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  if (issue?.path[0] === 'attributes')
    return {
      ok: false,
      error: attributeFilterError(issue.message, issue.path.length > 1 ? String(issue.path[1]) : undefined),
    };
  const field = issue?.path.join('.') || undefined;
  return {
    ok: false,
    error: wireError('invalid_payload', `${field ?? 'payload'}: ${issue?.message ?? 'invalid'}`, { field }),
  };
}

/** One search result: the conversation id and, for a text search, the newest matching message. */
export interface SearchHit {
  conversationId: string;
  match?: { messageId: string; role: string; text: string; createdAt: string };
}
