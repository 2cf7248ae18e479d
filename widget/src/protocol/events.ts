import type { z } from 'zod';
import type { setAttributesSchema } from './attributes.js';
import type { WireError } from './errors.js';
import type { ConversationState, Message, RoutingDecision } from './messages.js';
import type {
  contactSchema,
  csatSchema,
  feedbackSchema,
  historySchema,
  identifySchema,
  sendSchema,
  typingSchema,
} from './validate.js';

/** Every ack is either a success with data or a failure with a stable error code. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

/** The data an event's successful ack carries (`{ ok: true, ...data }`), read from an event map's handler type. */
export type AckData<F> = F extends (payload: never, ack: infer A) => void
  ? A extends (res: infer R) => void
    ? Omit<Extract<R, { ok: true }>, 'ok'>
    : never
  : never;

/** The payload an event of an event map takes. */
export type PayloadOf<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;

/** Handshake data the widget passes as `io(url, { auth })`. */
export interface ChatAuth {
  /** The signed visitor token from a previous `session` event. */
  visitor?: string;
  /** A JWT signed by the host site's backend for its logged-in user. */
  user?: string;
  /** The protocol version the client speaks. */
  protocol?: number;
  /** The page the widget runs on (shown to staff). */
  page?: string;
  /** Preferred locale, e.g. `es` or `ar`. */
  locale?: string;
}

/** Sent once after connecting: who the visitor is and which conversation is theirs. */
export interface SessionInfo {
  visitor: string;
  conversationId: string;
  state: ConversationState;
  /** The last seq the server has for this conversation. */
  lastSeq: number;
  protocol: number;
  user?: { id: string; name?: string; email?: string; verified: boolean };
  /** Whether a human could answer right now (staff online and within business hours). */
  humansAvailable?: boolean;
}

// Payload types come from the schemas the server validates with (type-only: the widget bundles no zod). `z.input` is
// what a client sends; the server's handlers get `z.output` (normalised text, trimmed names).
/** `message:send`: a client-generated unique id (e.g. a UUID) that makes resending safe, and the text. */
export type SendPayload = z.input<ReturnType<typeof sendSchema>>;
/** `history`: messages with `seq > afterSeq`. */
export type HistoryPayload = z.input<typeof historySchema>;
/** `identify`: a host-signed token, or self-asserted details. */
export type IdentifyPayload = z.input<typeof identifySchema>;
/** `typing` from the customer. */
export type TypingPayload = z.input<typeof typingSchema>;
/** `feedback` on one AI answer. */
export type FeedbackPayload = z.input<typeof feedbackSchema>;
/** `csat`: a 1–5 rating and an optional comment. */
export type CsatPayload = z.input<typeof csatSchema>;
/** `contact`: the e-mail an offline ticket is answered at. */
export type ContactPayload = z.input<typeof contactSchema>;
/** `attributes`: unsigned custom attributes, merged; `null` removes a key. */
export type AttributesPayload = z.input<ReturnType<typeof setAttributesSchema>>;

/** A chunk of a streamed AI answer; the final `message` event replaces the stream. */
export interface MessageDelta {
  conversationId: string;
  streamId: string;
  delta: string;
  agent?: string;
}

/**
 * A streamed answer that ends without a `message` carrying its `streamId` (a person took the conversation meanwhile,
 * another node's reply was stored, or the answer failed): drop its text.
 */
export interface MessageStreamEnd {
  conversationId: string;
  streamId: string;
}

export interface TypingEvent {
  conversationId: string;
  role: 'ai' | 'human' | 'customer';
  name?: string;
  typing: boolean;
}

export interface StateEvent {
  conversationId: string;
  state: ConversationState;
  assignee?: { id: string; name: string };
  humansAvailable?: boolean;
}

/** Events the widget emits on the `/chat` namespace. */
export interface ClientToServerEvents {
  'message:send': (payload: SendPayload, ack: (res: Ack<{ message: Message; duplicate?: boolean }>) => void) => void;
  history: (
    payload: HistoryPayload,
    ack: (res: Ack<{ messages: Message[]; state: ConversationState }>) => void,
  ) => void;
  typing: (payload: TypingPayload) => void;
  feedback: (payload: FeedbackPayload, ack: (res: Ack<object>) => void) => void;
  identify: (payload: IdentifyPayload, ack: (res: Ack<{ session: SessionInfo }>) => void) => void;
  csat: (payload: CsatPayload, ack: (res: Ack<object>) => void) => void;
  contact: (payload: ContactPayload, ack: (res: Ack<object>) => void) => void;
  /** Unsigned custom attributes from the page (`chat.setAttributes()`), merged; `null` removes a key. */
  attributes: (payload: AttributesPayload, ack: (res: Ack<object>) => void) => void;
}

/** Events the server emits to the widget on the `/chat` namespace. */
export interface ServerToClientEvents {
  session: (info: SessionInfo) => void;
  message: (message: Message) => void;
  'message:delta': (delta: MessageDelta) => void;
  'message:stream-end': (end: MessageStreamEnd) => void;
  typing: (event: TypingEvent) => void;
  state: (event: StateEvent) => void;
  'csat:request': (payload: { conversationId: string }) => void;
  'server:error': (error: WireError) => void;
}

/** Routing decision as shown in the widget's `routed` event. */
export type RoutedEvent = Pick<RoutingDecision, 'agent' | 'confidence' | 'reason'>;
