import { EventEmitter } from 'node:events';
import type { ConversationState, Message, Notice } from 'switchboard-chat/protocol';
import type { ConversationPatch, ConversationStore, NewMessage } from '../storage/conversations.js';
import type { ClaimedJob, JobKind } from '../storage/jobs.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';
import { newId } from '../util/ids.js';
import { systemNotice } from './notices.js';
import { checkTransition, fromStates, nextState, refusal, TRANSITIONS, type TransitionEvent } from './states.js';
import { answerCustomer } from './answer.js';
import type { ChangeListener, ConversationChange } from './changes.js';
import { CustomerEdits } from './customer-edits.js';
import type { Received, ServiceOptions } from './service-types.js';

import { draftConversation } from './draft.js';

export { draftConversation };
export type { Received, ServiceOptions } from './service-types.js';

/** What a transition stores besides the state, and what it tells the customer. */
export interface TransitionOptions {
  actor?: string;
  patch?: ConversationPatch;
  data?: unknown;
  notice?: Notice;
  job?: JobKind;
}

/**
 * The conversation service: one pipeline for sockets and REST (store → ack → route/answer → store → emit), and the
 * only code that changes a conversation. Every change is told to subscribers as one typed {@link ConversationChange}.
 */
export class ConversationService extends CustomerEdits {
  readonly store: ConversationStore;
  private readonly changes = new EventEmitter<{ change: [ConversationChange] }>();
  constructor(private readonly o: ServiceOptions) {
    super(o.store);
    this.store = o.store;
    // Audit, analytics, webhooks, staff consoles, e-mail and embedders all listen on this one event.
    this.changes.setMaxListeners(100);
  }

  /** Follow every change of every conversation on this node; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.changes.on('change', listener);
    return () => void this.changes.off('change', listener);
  }

  /** Tell subscribers (the only emitter of changes: code outside conversations/ calls the service's methods). */
  protected emitChange(change: ConversationChange): void {
    this.changes.emit('change', change);
  }

  /**
   * The visitor's current conversation, created on first contact; with `draft` (socket handshakes) a first-time visitor
   * gets a draft instead (see {@link draftConversation}), stored at the first message: a connection writes nothing.
   */
  async forVisitor(
    visitorId: string,
    info: { userId?: string; page?: string; locale?: string } = {},
    opts: { draft?: boolean } = {},
  ): Promise<ConversationRecord> {
    const existing =
      (info.userId && (await this.o.store.latestForUser(info.userId))) ||
      (await this.o.store.latestForVisitor(visitorId));
    if (existing) {
      const patch: ConversationPatch = {};
      if (info.page && info.page !== existing.page) patch.page = info.page;
      if (info.locale && info.locale !== existing.locale) patch.locale = info.locale;
      return Object.keys(patch).length ? ((await this.o.store.update(existing.id, patch)) ?? existing) : existing;
    }
    const draft = draftConversation(visitorId, info);
    return opts.draft ? draft : this.stored(draft);
  }

  /** The conversation as stored now, else the socket's draft (not spoken in yet); not_found when neither. */
  async current(conversationId: string, draft?: ConversationRecord): Promise<ConversationRecord> {
    const stored = await this.o.store.get(conversationId);
    if (stored) return stored;
    if (draft?.id === conversationId) return draft;
    throw new AppError('not_found', 'No such conversation.');
  }

  /** Store a draft conversation (idempotent: a first message on another node may have stored it already). */
  async stored(conversation: ConversationRecord): Promise<ConversationRecord> {
    if (!conversation.draft) return conversation;
    const created = await this.o.store.createDraft(conversation);
    if (!created) return this.require(conversation.id);
    this.emitChange({ kind: 'created', conversation: created });
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
    return this.o.store.history(
      conversationId,
      afterSeq,
      Math.min(limit ?? this.o.historyLimit, this.o.historyLimit),
      includeInternal,
    );
  }

  /** Store and broadcast a message of any role (internal notes go to staff only). */
  async addMessage(
    conversationId: string,
    input: NewMessage,
    options: { exceptSocket?: string } = {},
  ): Promise<{ message: Message; duplicate: boolean; job: boolean; context?: Message[] }> {
    const { message, duplicate, conversation, job, context } = await this.o.store.append(conversationId, input);
    if (!duplicate) {
      if (!input.internal) this.o.broadcast.toConversation(conversationId, 'message', message, options);
      // The append returns the conversation as it stands after this message: no second read per message.
      this.emitChange({ kind: 'message', message, conversation: conversation ?? (await this.require(conversationId)) });
    }
    return { message, duplicate, job, context };
  }

  /** Take in a customer message: store it (idempotent on clientId), then let the agent layer answer unless a person has joined. */
  async receiveCustomerMessage(
    conversation: ConversationRecord,
    input: { clientId?: string; text: string },
    options: { exceptSocket?: string } = {},
  ): Promise<Received> {
    conversation = await this.stored(conversation);
    if (conversation.state === 'closed')
      conversation = await this.transition(conversation.id, 'reopen', { actor: 'customer' });
    const jobs = this.o.jobs;
    // The agent's context comes back with the append when an answer may be owed: one statement fewer per message.
    const context = answersNow(conversation.state) ? this.o.contextMessages : undefined;
    const { message, duplicate, job, ...appended } = await this.addMessage(
      conversation.id,
      { role: 'customer', text: input.text, clientId: input.clientId, job: jobs?.lease, context },
      options,
    );
    // A resend of a message whose answer is still owed (its node died) takes the job over; a held or finished one is left alone.
    if (duplicate)
      void jobs
        ?.retry(message.id)
        .catch((err) => this.o.logger.warn({ err, messageId: message.id }, 'reply job retry failed'));
    // While waiting for a person the AI still answers what it is sure of (the agent layer decides); a person who has
    // joined speaks alone.
    if (duplicate || !answersNow(conversation.state) || (jobs && !job))
      return { message, duplicate, reply: Promise.resolve(undefined) };
    const release = jobs?.hold(message.id);
    const reply = this.answer(conversation, message, appended.context).catch((err) => {
      this.o.logger.error({ err, conversationId: conversation.id }, 'agent layer failed');
      void jobs?.failed({ id: message.id, kind: 'reply', attempts: 1 }, err);
      return undefined;
    });
    if (release) void reply.finally(release);
    return { message, duplicate, reply };
  }

  /** Run a claimed reply job (after a crash, a lost lease or a failed attempt): answer unless the answer is no longer owed. */
  async answerJob(job: ClaimedJob): Promise<void> {
    const customer = await this.o.store.message(job.id);
    const conversation = customer && (await this.o.store.get(customer.conversationId));
    if (!customer || !conversation || !answersNow(conversation.state)) return this.o.jobs?.store.complete(job.id);
    if (job.attempts > (this.o.maxReplyAttempts ?? 3)) {
      this.o.logger.error(
        { messageId: job.id, attempts: job.attempts },
        'no answer after repeated attempts; handing over to a person',
      );
      await this.escalate(conversation.id, 'The assistant could not answer this message.');
      return this.o.jobs?.store.complete(job.id);
    }
    await this.answer(conversation, customer);
  }

  /** Ask the agent layer for an answer, store it with its routing decision, escalate when told to. */
  private answer(
    conversation: ConversationRecord,
    customer: Message,
    history?: Message[],
  ): Promise<Message | undefined> {
    return answerCustomer(
      {
        options: this.o,
        addMessage: (id, input) => this.addMessage(id, input),
        escalate: (id, reason) => this.escalate(id, reason),
        replied: (info) => this.emitChange({ kind: 'replied', ...info }),
      },
      conversation,
      customer,
      history,
    );
  }

  /** Hand the conversation to a human: mark it waiting and tell the customer. */
  async escalate(conversationId: string, reason: string): Promise<ConversationRecord | undefined> {
    const now = new Date().toISOString();
    try {
      const updated = await this.transition(conversationId, 'escalate', {
        actor: 'router',
        data: { reason },
        // queuedSince outlives the assignment: a conversation put back in the queue keeps its place (storage/assignment.ts).
        patch: { waitingSince: now, queuedSince: now, escalationReason: reason },
        notice: { code: 'handoff.waiting' },
        // Staff notifications and the webhook are owed from the moment of the change: a job row says so.
        job: 'escalation',
      });
      return updated;
    } catch (err) {
      if (err instanceof AppError && err.code === 'invalid_transition') return undefined;
      throw err;
    }
  }

  /**
   * Apply `event` of the transition table (`states.ts`) atomically: a compare-and-set on the state, from the states the
   * table allows; then record it, post the optional system notice and tell the customer and subscribers. Throws
   * `invalid_transition` (`already_claimed` for a take that lost the race) when the table refuses it.
   */
  async transition(
    conversationId: string,
    event: TransitionEvent,
    t: TransitionOptions = {},
  ): Promise<ConversationRecord> {
    const before = await this.require(conversationId);
    const to = checkTransition(before.state, event);
    const job = t.job && this.o.jobs ? { id: newId('job'), kind: t.job, lease: this.o.jobs.lease } : undefined;
    const updated = await this.o.store.update(conversationId, { ...t.patch, state: to }, fromStates(event), job);
    if (!updated) throw refusal((await this.require(conversationId)).state, event);
    await this.announce(event, before.state, updated, t, job?.id);
    return updated;
  }

  /**
   * Record, post the notice of and broadcast `event`, already stored from `from` by a compare-and-set elsewhere that
   * took its from-states from the table (`fromStates(event)`: auto-assignment, take and transfer decide inside their
   * own locked transaction).
   */
  async announce(
    event: TransitionEvent,
    from: ConversationState,
    updated: ConversationRecord,
    t: { actor?: string; data?: unknown; notice?: Notice },
    jobId?: string,
  ): Promise<void> {
    const conversationId = updated.id;
    const { to, type } = TRANSITIONS[event];
    if (updated.state !== to) throw new AppError('internal', `${event} leads to ${to}, not ${updated.state}.`);
    // The compare-and-set used the table; a `from` it refuses was read before a concurrent change, so it is only said.
    if (nextState(from, event) !== to)
      this.o.logger.warn({ conversationId, event, from }, 'transition announced from a state read before it changed');
    await this.o.store.event(conversationId, { type, from, to, actor: t.actor, data: t.data });
    if (t.notice) await this.addMessage(conversationId, systemNotice(t.notice, { kind: type, state: to }));
    this.o.broadcast.toConversation(conversationId, 'state', {
      conversationId,
      state: to,
      ...(updated.assigneeId ? { assignee: { id: updated.assigneeId, name: updated.assigneeName ?? '' } } : {}),
    });
    this.emitChange({
      kind: 'state',
      conversation: updated,
      event,
      type,
      from,
      to,
      actor: t.actor,
      ...(t.data === undefined ? {} : { data: t.data }),
      ...(jobId ? { job: jobId } : {}),
    });
  }
}

/** States in which the AI answers a customer message: its own, and while the customer waits for a person. */
function answersNow(state: ConversationRecord['state']): boolean {
  return state === 'ai' || state === 'waiting_human';
}
