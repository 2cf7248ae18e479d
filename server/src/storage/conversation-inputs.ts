import type { ConversationState, Message, RoutingDecision, Source } from 'switchboard-chat/protocol';
import type { JobKind, Lease } from './jobs.js';
import type { ConversationRecord } from './rows.js';

/** A durable job recorded with a conversation change (see `update`). */
export interface NewJob {
  id: string;
  kind: JobKind;
  lease: Lease;
}

/** What a caller provides to append a message. */
export interface NewMessage {
  role: Message['role'];
  text: string;
  clientId?: string;
  agent?: string;
  confidence?: number;
  routing?: RoutingDecision;
  sources?: Source[];
  author?: string;
  authorId?: string;
  meta?: Record<string, unknown>;
  internal?: boolean;
  /**
   * An AI reply records the routing decision on the customer message it answers, in the same statement; with
   * `complete` it also deletes that message's reply job there, so the reply and the job's end commit together.
   */
  answers?: { messageId: string; routing: RoutingDecision; complete?: boolean };
  /** A customer message to an AI-handled conversation records its reply job (leased to this node) in the same statement. */
  job?: Lease;
  /** Also return up to this many earlier messages (not internal notes), read by the same statement: the agent's context. */
  context?: number;
  /**
   * Store it only while the conversation is in one of these states, checked in the same statement (an AI reply must
   * not land after a person took the conversation while it was being written); otherwise `append` throws `StateMoved`.
   */
  onlyWhile?: ConversationState[];
}

/** An append with `onlyWhile` met a conversation that had moved to another state: nothing was stored. */
export class StateMoved extends Error {
  constructor(
    readonly conversationId: string,
    readonly state: ConversationState,
  ) {
    super(`conversation ${conversationId} is ${state} now: the message was not stored`);
    this.name = 'StateMoved';
  }
}

/** What `append` did: the stored message, whether it was already there, and whether a reply job was recorded. */
export interface Appended {
  message: Message;
  duplicate: boolean;
  conversation?: ConversationRecord;
  job: boolean;
  /** With `context`: the messages before this one, oldest first, as the statement saw them. */
  context?: Message[];
}

/** Fields that may change on a conversation. */
export type ConversationPatch = Partial<
  Pick<
    ConversationRecord,
    | 'state'
    | 'assigneeId'
    | 'assigneeName'
    | 'page'
    | 'locale'
    | 'contactEmail'
    | 'escalationReason'
    | 'userId'
    | 'userName'
    | 'userEmail'
  >
> & {
  waitingSince?: string | null;
  queuedSince?: string | null;
  closedAt?: string | null;
  /** The handoff summary staff read in the inbox (written at escalation). */
  handoffSummary?: string | null;
  /** When an escalation nobody could take became an offline ticket (null: it is not one). */
  offlineAt?: string | null;
};

/** The column each patchable field is stored in. */
export const PATCH_COLUMNS: Record<keyof ConversationPatch, string> = {
  state: 'state',
  assigneeId: 'assignee_id',
  assigneeName: 'assignee_name',
  page: 'page',
  locale: 'locale',
  contactEmail: 'contact_email',
  escalationReason: 'escalation_reason',
  userId: 'user_id',
  userName: 'user_name',
  userEmail: 'user_email',
  waitingSince: 'waiting_since',
  queuedSince: 'queued_since',
  closedAt: 'closed_at',
  handoffSummary: 'handoff_summary',
  offlineAt: 'offline_at',
};
