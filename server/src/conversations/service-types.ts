import type { Message } from 'switchboard-chat/protocol';
import type { ConversationStore } from '../storage/conversations.js';
import type { Logger } from '../util/logger.js';
import type { AgentLayer } from './agent-port.js';
import type { Broadcaster } from './broadcast.js';
import type { JobWorker } from './jobs.js';

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
