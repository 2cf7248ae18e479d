import type { ConversationState, Message, RoutingDecision, Source } from 'switchboard-chat/protocol';

/** What the conversation service hands the agent layer for one customer message. */
export interface AgentRequest {
  conversationId: string;
  /** The stored customer message being answered. */
  message: Message;
  /** Earlier messages of the conversation, oldest first (bounded). */
  history: Message[];
  state: ConversationState;
  locale?: string;
  /** What to route and search instead of the message text: a follow-up with its context, a translated query. */
  query?: string;
  /** The language of the customer's own words, when the query holds other words too. */
  language?: string;
  /** The query carries the previous question: the topic is already in scope. */
  followUp?: boolean;
  /** For a follow-up: the customer's earlier question(s) it continues, so a generated answer sees them too. */
  previousQuestion?: string;
  /** For a follow-up: its own words (with the previous question's kind of fact), which pick the answer unit. */
  focus?: string;
}

/** Streaming callbacks: LLM agents push tokens as they arrive. */
export interface AgentStream {
  delta(text: string): void;
}

/** The agent layer's answer: either a reply to store or an escalation to a human. */
export interface AgentReply {
  /** The routing decision made for the customer message. */
  routing: RoutingDecision;
  /** The text to send as the AI message; absent when nothing should be said. */
  text?: string;
  agent: string;
  /** What the customer is shown: the answer confidence (probability the answer is right) for sourced answers, else absent. */
  confidence?: number;
  /** For an answer shown recalibrated by the site's votes: the shipped model's own confidence (stored for the refit). */
  modelConfidence?: number;
  sources: Source[];
  /** True when the conversation must go to a human. */
  escalate: boolean;
  /** Why it escalated, for the staff inbox and analytics. */
  escalationReason?: string;
  /** True when retrieval found nothing relevant (a knowledge-base gap). */
  gap?: boolean;
  /** The text was written by the LLM (already in the customer's language), not quoted from a passage. */
  generated?: boolean;
  /** Quick replies offered with a clarifying question: the closest article titles. */
  suggestions?: string[];
  /** For a sourced answer: how it was reached, which the answer calibration (`agents/answer-calibration.ts`) reads. */
  traits?: AnswerTraits;
}

/** What the pipeline knows about a sourced answer that changes the chance it is right for the same model score. */
export interface AnswerTraits {
  /** The answer model's confidence (`agents/select.ts`), before the pipeline's calibration. */
  model: number;
  /** The chosen unit's probability margin over the best unit of another section. */
  margin: number;
  /** The reranker's probability that the cited article is the right one (0 when not reranked). */
  share: number;
  /** The chosen unit's kind: sentence, list, row or table. */
  unit: string;
  /** Question parts answered separately (1 for a single question). */
  parts: number;
  /** Another agent's collections answered (fallback or the help centre overruling the route). */
  fallback: boolean;
  /** The query carried the previous question (a follow-up). */
  followUp: boolean;
  /** The answer came from asking again after the previous question (the dialog's context retry). */
  contextRetry: boolean;
  /** A question in another language answered from an article in English. */
  bridged: boolean;
}

/** Anything that can answer a customer message. */
export interface AgentLayer {
  reply(request: AgentRequest, stream?: AgentStream): Promise<AgentReply>;
}
