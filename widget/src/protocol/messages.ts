/** Who wrote a message. `system` messages narrate handoff and state changes. */
export type Role = 'customer' | 'ai' | 'human' | 'system';

/** Where a conversation is in the handoff state machine. */
export type ConversationState = 'ai' | 'waiting_human' | 'human' | 'closed';

/** Why the router chose the route it chose. */
export type RoutingReason =
  | 'keyword'
  | 'semantic'
  | 'hybrid'
  | 'context'
  | 'explicit-human'
  | 'low-confidence'
  | 'repeated-failure'
  | 'negative-sentiment'
  | 'out-of-scope'
  | 'unsupported-language'
  | 'human-handled'
  /** A greeting, thanks or "can you help me?": answered with a prompt, never escalated. */
  | 'smalltalk'
  /** The routed agent's collections had nothing relevant; the next agent whose collections did answers instead. */
  | 'fallback'
  /** An escalation policy (legal, safety, account-specific, …) matched; its code is in `policy`. */
  | 'policy'
  /** Nothing answered well enough: the AI asked a clarifying question with article suggestions. */
  | 'clarify'
  /** The customer said the last answer was wrong: the next best passage, offered once. */
  | 'failed-answer'
  | 'placeholder';

/** One routing decision, recorded with the customer message it was made for. */
export interface RoutingDecision {
  /** The chosen agent name (`human` for escalation). */
  agent: string;
  /** Calibrated confidence in [0, 1]. */
  confidence: number;
  /** The other candidates, best first. */
  alternatives: Array<{ agent: string; score: number }>;
  reason: RoutingReason;
  /** ISO 639-1 language code when detected. */
  language?: string;
  /** The matched keywords or phrases, for explainability. */
  matched?: string[];
  /**
   * The escalation policy's reason code when `reason` is `policy` (e.g. `legal`), or when `needsPerson` is set
   * (e.g. `account-specific`).
   */
  policy?: string;
  /**
   * The routed agent's team must answer in person: a `handoff: team` policy matched (one order, invoice or charge).
   * `agent` stays the routed agent, so the person comes from its team; the answering step hands over.
   */
  needsPerson?: boolean;
  /** The most likely topic (`agent/topic`) of the router's topic model. */
  topic?: string;
}

/** A knowledge-base citation attached to an AI answer. */
export interface Source {
  id: string;
  title: string;
  url?: string;
}

/** A message as stored and as sent over the wire. */
export interface Message {
  id: string;
  /** Per-conversation sequence number, gap-free, starting at 1. */
  seq: number;
  conversationId: string;
  /** The client-generated id that makes sending idempotent (customer and staff messages). */
  clientId?: string;
  role: Role;
  text: string;
  /** The agent that answered (AI messages) or the routing target (customer messages). */
  agent?: string;
  confidence?: number;
  routing?: RoutingDecision;
  sources?: Source[];
  /** Display name of a human author. */
  author?: string;
  /** Quick replies under an AI message (a clarifying question's closest article titles); choosing one sends it. */
  suggestions?: string[];
  /** Extra machine-readable context, e.g. `{ kind: 'handoff' }` on system messages. */
  meta?: Record<string, unknown>;
  /** ISO 8601 timestamp. */
  createdAt: string;
}

/** Customer feedback on one AI answer. */
export interface Feedback {
  messageId: string;
  helpful: boolean;
}
