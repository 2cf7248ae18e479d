import { z } from 'zod';
import type { Message } from 'switchboard-chat/protocol';
import type { ConversationRecord } from '../storage/rows.js';
import type { AgentReply } from './agent-port.js';
import { STATES, TRANSITION_EVENTS, type TransitionEvent } from './states.js';

// Records are the store's own types: the schema names them (z.custom) rather than restating their fields.
const conversation = z.custom<ConversationRecord>();
const message = z.custom<Message>();
const state = z.enum(STATES);
const actor = z.string();

/**
 * Every change `ConversationService` makes, the one event its subscribers (audit log, webhooks, analytics, staff
 * consoles, e-mail, embedders) follow. `kind` says what changed; each carries the conversation as it stands after it.
 */
export const conversationChangeSchema = z.discriminatedUnion('kind', [
  /** A conversation was stored (a draft's first message, or a fresh one for a user on a shared device). */
  z.object({ kind: z.literal('created'), conversation }),
  /** A message was stored (any role, internal notes included). */
  z.object({ kind: z.literal('message'), conversation, message }),
  /** The agent layer answered (or escalated) a customer message, in `ms`. */
  z.object({
    kind: z.literal('replied'),
    conversation,
    customer: message,
    reply: z.custom<AgentReply>(),
    ms: z.number(),
  }),
  /** A transition of the table (`states.ts`); `job` is the durable job recorded with it (escalations). */
  z.object({
    kind: z.literal('state'),
    conversation,
    event: z.enum(TRANSITION_EVENTS as [TransitionEvent, ...TransitionEvent[]]),
    type: z.string(),
    from: state,
    to: state,
    actor: actor.optional(),
    data: z.unknown().optional(),
    job: z.string().optional(),
  }),
  /** The customer said who they are (bare claims) or a signed token linked the conversation to a user. */
  z.object({ kind: z.literal('identified'), conversation, actor }),
  /** Custom attributes changed: the page's (unsigned) or a token's (signed). */
  z.object({ kind: z.literal('attributes'), conversation, actor }),
  /** The customer left an e-mail address to be reached at. */
  z.object({ kind: z.literal('contact'), conversation, actor }),
  /** The customer voted an AI answer helpful or not. */
  z.object({ kind: z.literal('feedback'), conversationId: z.string(), messageId: z.string(), helpful: z.boolean() }),
  /** The customer started or stopped typing (nothing stored). */
  z.object({ kind: z.literal('typing'), conversationId: z.string(), typing: z.boolean() }),
]);

/** One change of a conversation, as emitted by `ConversationService` (`service.subscribe`). */
export type ConversationChange = z.infer<typeof conversationChangeSchema>;

/** The kinds of change, one per member of the union. */
export type ChangeKind = ConversationChange['kind'];

/** The member of the union with `kind` K. */
export type ChangeOf<K extends ChangeKind> = Extract<ConversationChange, { kind: K }>;

/** Every kind of change (derived from the schema). */
export const CHANGE_KINDS = conversationChangeSchema.options.map((o) => o.shape.kind.value) as ChangeKind[];

/** A subscriber to a conversation service's changes. */
export type ChangeListener = (change: ConversationChange) => void;
