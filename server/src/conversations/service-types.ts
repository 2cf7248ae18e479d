import type { ConversationState, Message } from 'switchboard-chat/protocol';
import type { ConversationStore } from '../storage/conversations.js';
import type { ConversationRecord } from '../storage/rows.js';
import type { Logger } from '../util/logger.js';
import type { AgentLayer, AgentReply } from './agent-port.js';
import type { Broadcaster } from './broadcast.js';
import type { JobWorker } from './jobs.js';

/** Events other layers (staff inbox, analytics, webhooks) subscribe to. All local to this node. */
export interface ServiceEvents {
  /** Any stored message, including internal notes. */
  message: [message: Message, conversation: ConversationRecord];
  /** A conversation changed state or fields. */
  conversation: [
    conversation: ConversationRecord,
    change: { type: string; from?: ConversationState; actor?: string; job?: string },
  ];
  /** The agent layer answered (or escalated) a customer message; for metrics. */
  replied: [info: { conversation: ConversationRecord; customer: Message; reply: AgentReply; ms: number }];
  /** The customer started or stopped typing. */
  'customer-typing': [info: { conversationId: string; typing: boolean }];
}

/** What the conversation service is built from, and its limits. */
export interface ServiceOptions {
  store: ConversationStore;
  agents: AgentLayer;
  broadcast: Broadcaster;
  logger: Logger;
  contextMessages: number;
  historyLimit: number;
  /** Milliseconds of answering before the AI's typing indicator is shown (default 0: at once). */
  aiTypingDelayMs?: number;
  /** Durable answering: each owed reply is a job recorded with the customer message. Without it, answers are in-memory work. */
  jobs?: JobWorker;
  /** Attempts at an answer before the conversation goes to a person instead (default 3). */
  maxReplyAttempts?: number;
}

/** Result of a customer message: the stored message at once, the AI's answer later. */
export interface Received {
  message: Message;
  duplicate: boolean;
  /** Resolves once the agent layer has answered (or immediately when no AI answer is due). */
  reply: Promise<Message | undefined>;
}
