import type { AttributeValue } from './attributes.js';
import type { WireError } from './errors.js';
import type { ConversationState, Message, RoutingDecision } from './messages.js';

/** Every ack is either a success with data or a failure with a stable error code. */
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: WireError };

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

export interface SendPayload {
  /** A client-generated unique id (e.g. a UUID) that makes resending safe. */
  clientId: string;
  text: string;
}

export interface HistoryPayload {
  /** Return messages with `seq > afterSeq`. */
  afterSeq: number;
  limit?: number;
}

export interface IdentifyPayload {
  token?: string;
  id?: string;
  name?: string;
  email?: string;
}

/** A chunk of a streamed AI answer; the final `message` event replaces the stream. */
export interface MessageDelta {
  conversationId: string;
  streamId: string;
  delta: string;
  agent?: string;
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
  typing: (payload: { typing: boolean }) => void;
  feedback: (payload: { messageId: string; helpful: boolean }, ack: (res: Ack<object>) => void) => void;
  identify: (payload: IdentifyPayload, ack: (res: Ack<{ session: SessionInfo }>) => void) => void;
  csat: (payload: { rating: number; comment?: string }, ack: (res: Ack<object>) => void) => void;
  contact: (payload: { email: string }, ack: (res: Ack<object>) => void) => void;
  /** Unsigned custom attributes from the page (`chat.setAttributes()`), merged; `null` removes a key. */
  attributes: (payload: { attributes: Record<string, AttributeValue | null> }, ack: (res: Ack<object>) => void) => void;
}

/** Events the server emits to the widget on the `/chat` namespace. */
export interface ServerToClientEvents {
  session: (info: SessionInfo) => void;
  message: (message: Message) => void;
  'message:delta': (delta: MessageDelta) => void;
  typing: (event: TypingEvent) => void;
  state: (event: StateEvent) => void;
  'csat:request': (payload: { conversationId: string }) => void;
  'server:error': (error: WireError) => void;
}

/** Routing decision as shown in the widget's `routed` event. */
export type RoutedEvent = Pick<RoutingDecision, 'agent' | 'confidence' | 'reason'>;
