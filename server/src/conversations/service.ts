import { EventEmitter } from 'node:events';
import type { ConversationState, Message, Notice } from 'switchboard-chat/protocol';
import type { AgentLayer, AgentReply } from '../agents/types.js';
import type { ConversationPatch, ConversationStore, NewMessage } from '../storage/conversations.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { newId } from '../util/ids.js';
import type { Broadcaster } from './broadcast.js';
import { systemNotice } from './notices.js';
import { fromStatesFor } from './states.js';

/** Events other layers (staff inbox, analytics, webhooks) subscribe to. All local to this node. */
export interface ServiceEvents {
  /** Any stored message, including internal notes. */
  message: [message: Message, conversation: ConversationRecord];
  /** A conversation changed state or fields. */
  conversation: [conversation: ConversationRecord, change: { type: string; from?: ConversationState; actor?: string }];
  /** The agent layer answered (or escalated) a customer message; for metrics. */
  replied: [info: { conversation: ConversationRecord; customer: Message; reply: AgentReply; ms: number }];
  /** The customer started or stopped typing. */
  'customer-typing': [info: { conversationId: string; typing: boolean }];
}

export interface ServiceOptions {
  store: ConversationStore;
  agents: AgentLayer;
  broadcast: Broadcaster;
  logger: Logger;
  contextMessages: number;
  historyLimit: number;
}

/** Result of a customer message: the stored message at once, the AI's answer later. */
export interface Received {
  message: Message;
  duplicate: boolean;
  /** Resolves once the agent layer has answered (or immediately when no AI answer is due). */
  reply: Promise<Message | undefined>;
}

/** The conversation service: one pipeline for sockets and REST (store → ack → route/answer → store → emit). */
export class ConversationService extends EventEmitter<ServiceEvents> {
  readonly store: ConversationStore;
  constructor(private readonly o: ServiceOptions) {
    super();
    this.store = o.store;
  }

  /** The visitor's current conversation, created on first contact. */
  async forVisitor(visitorId: string, info: { userId?: string; page?: string; locale?: string } = {}): Promise<ConversationRecord> {
    const existing = (info.userId && (await this.o.store.latestForUser(info.userId))) || (await this.o.store.latestForVisitor(visitorId));
    if (existing) {
      const patch: ConversationPatch = {};
      if (info.page && info.page !== existing.page) patch.page = info.page;
      if (info.locale && info.locale !== existing.locale) patch.locale = info.locale;
      return Object.keys(patch).length ? ((await this.o.store.update(existing.id, patch)) ?? existing) : existing;
    }
    const created = await this.o.store.create({ visitorId, ...info });
    this.emit('conversation', created, { type: 'created' });
    return created;
  }

  /** A conversation that must exist. */
  async require(conversationId: string): Promise<ConversationRecord> {
    const c = await this.o.store.get(conversationId);
    if (!c) throw new AppError('not_found', 'No such conversation.');
    return c;
  }

  /** Messages after `afterSeq`, capped by the configured history limit. */
  history(conversationId: string, afterSeq: number, limit?: number, includeInternal = false): Promise<Message[]> {
    return this.o.store.history(conversationId, afterSeq, Math.min(limit ?? this.o.historyLimit, this.o.historyLimit), includeInternal);
  }

  /** Store and broadcast a message of any role (internal notes go to staff only). */
  async addMessage(conversationId: string, input: NewMessage, options: { exceptSocket?: string } = {}): Promise<{ message: Message; duplicate: boolean }> {
    const { message, duplicate, conversation } = await this.o.store.append(conversationId, input);
    if (!duplicate) {
      if (!input.internal) this.o.broadcast.toConversation(conversationId, 'message', message, options);
      // The append returns the conversation as it stands after this message: no second read per message.
      this.emit('message', message, conversation ?? (await this.require(conversationId)));
    }
    return { message, duplicate };
  }

  /** Take in a customer message: store it (idempotent on clientId), then let the agent layer answer unless a person has joined. */
  async receiveCustomerMessage(conversation: ConversationRecord, input: { clientId?: string; text: string }, options: { exceptSocket?: string } = {}): Promise<Received> {
    if (conversation.state === 'closed') conversation = await this.transition(conversation.id, 'ai', { type: 'reopened', actor: 'customer' });
    const { message, duplicate } = await this.addMessage(conversation.id, { role: 'customer', text: input.text, clientId: input.clientId }, options);
    // While waiting for a person the AI still answers what it is sure of (the agent layer decides); a person who has
    // joined speaks alone.
    if (duplicate || (conversation.state !== 'ai' && conversation.state !== 'waiting_human')) return { message, duplicate, reply: Promise.resolve(undefined) };
    const reply = this.answer(conversation, message).catch((err) => {
      this.o.logger.error({ err, conversationId: conversation.id }, 'agent layer failed');
      return undefined;
    });
    return { message, duplicate, reply };
  }

  /** Ask the agent layer for an answer, store it with its routing decision, escalate when told to. */
  private async answer(conversation: ConversationRecord, customer: Message): Promise<Message | undefined> {
    const started = performance.now();
    const history = (await this.o.store.recent(conversation.id, this.o.contextMessages + 1)).filter((m) => m.id !== customer.id);
    const streamId = newId('s');
    this.o.broadcast.toConversation(conversation.id, 'typing', { conversationId: conversation.id, role: 'ai', typing: true });
    let reply: AgentReply;
    try {
      reply = await this.o.agents.reply(
        { conversationId: conversation.id, message: customer, history, state: conversation.state, locale: conversation.locale },
        { delta: (delta) => this.o.broadcast.toConversation(conversation.id, 'message:delta', { conversationId: conversation.id, streamId, delta }) },
      );
    } finally {
      this.o.broadcast.toConversation(conversation.id, 'typing', { conversationId: conversation.id, role: 'ai', typing: false });
    }
    let stored: Message | undefined;
    // While a person is on the way only a sourced answer is said (the dialog layer adds that a person will join);
    // any agent layer's handoff or prompt would only repeat what the customer already knows.
    // Nothing is recorded then: analytics count the conversation as it was before (one escalation, no AI reply).
    if (conversation.state === 'waiting_human' && (reply.escalate || !reply.sources.length || !reply.text)) return undefined;
    if (!reply.text) await this.o.store.setRouting(customer.id, reply.routing);
    else {
      ({ message: stored } = await this.addMessage(conversation.id, {
        role: 'ai',
        text: reply.text,
        // A "couldn't find" reply carries no agent label, so it never reads as an answer from that agent.
        agent: reply.gap ? undefined : reply.agent,
        confidence: reply.confidence,
        routing: reply.routing,
        sources: reply.sources,
        meta: { replyTo: customer.id, streamId, ...(reply.gap ? { gap: true } : {}), ...(reply.suggestions?.length ? { suggestions: reply.suggestions } : {}) },
        // The routing decision lands on the customer message in the same statement as the reply.
        answers: { messageId: customer.id, routing: reply.routing },
      }));
    }
    this.emit('replied', { conversation, customer, reply, ms: performance.now() - started });
    if (reply.escalate) await this.escalate(conversation.id, reply.escalationReason ?? reply.routing.reason);
    return stored;
  }

  /** Hand the conversation to a human: mark it waiting and tell the customer. */
  async escalate(conversationId: string, reason: string): Promise<ConversationRecord | undefined> {
    try {
      const updated = await this.transition(conversationId, 'waiting_human', {
        type: 'escalated',
        actor: 'router',
        data: { reason },
        patch: { waitingSince: new Date().toISOString(), escalationReason: reason },
        notice: { code: 'handoff.waiting' },
      });
      return updated;
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_transition') return undefined;
      throw err;
    }
  }

  /**
   * Move a conversation to `to` atomically (compare-and-set on the current state), record the transition,
   * post the optional system notice and tell the customer.
   */
  async transition(
    conversationId: string,
    to: ConversationState,
    t: { type: string; actor?: string; from?: ConversationState[]; patch?: ConversationPatch; data?: unknown; notice?: Notice },
  ): Promise<ConversationRecord> {
    const before = await this.require(conversationId);
    const allowed = t.from ?? fromStatesFor(to);
    const updated = await this.o.store.update(conversationId, { ...t.patch, state: to }, allowed);
    if (!updated) {
      const now = await this.require(conversationId);
      const code = to === 'human' && now.state === 'human' ? 'already_claimed' : 'invalid_transition';
      throw new AppError(code, `Cannot move the conversation from ${now.state} to ${to}.`);
    }
    await this.o.store.event(conversationId, { type: t.type, from: before.state, to, actor: t.actor, data: t.data });
    if (t.notice) await this.addMessage(conversationId, systemNotice(t.notice, { kind: t.type, state: to }));
    this.o.broadcast.toConversation(conversationId, 'state', {
      conversationId,
      state: to,
      ...(updated.assigneeId ? { assignee: { id: updated.assigneeId, name: updated.assigneeName ?? '' } } : {}),
    });
    this.emit('conversation', updated, { type: t.type, from: before.state, actor: t.actor });
    return updated;
  }
}
