import type { AttributeValue, Attributes } from 'switchboard-chat/protocol';
import type { ConversationStore } from '../storage/conversations.js';
import type { ConversationRecord } from '../storage/rows.js';
import type { ConversationChange } from './changes.js';

/** Who a conversation belongs to, as `identify` stores it. */
export interface IdentityPatch {
  userId: string;
  userName?: string;
  userEmail?: string;
}

/**
 * The changes a conversation's customer side makes (contact, identity, attributes, votes, typing), each stored and
 * then told to subscribers. The base of `ConversationService`, kept apart only to keep each file to one job.
 */
export abstract class CustomerEdits {
  constructor(private readonly conversations: ConversationStore) {}

  /** Tell subscribers about a change (implemented by the service). */
  protected abstract emitChange(change: ConversationChange): void;

  /** Store a new conversation for a visitor now (not a draft): a verified user's own one on a shared device. */
  async create(input: { visitorId: string; page?: string; locale?: string }): Promise<ConversationRecord> {
    const created = await this.conversations.create(input);
    this.emitChange({ kind: 'created', conversation: created });
    return created;
  }

  /**
   * Write what the handoff layer notes on an escalated conversation: the summary staff read first, and whether it became
   * an offline ticket. Not a change subscribers act on (the inbox entry that shows them is refreshed by its writer).
   */
  async noteHandoff(conversationId: string, note: { summary?: string; offline?: boolean }): Promise<void> {
    await this.conversations.update(conversationId, {
      ...(note.summary !== undefined ? { handoffSummary: note.summary } : {}),
      ...(note.offline !== undefined ? { offlineAt: note.offline ? new Date().toISOString() : null } : {}),
    });
  }

  /** The e-mail address the customer wants to be reached at; undefined when there is no such conversation. */
  async setContact(conversationId: string, email: string): Promise<ConversationRecord | undefined> {
    const updated = await this.conversations.update(conversationId, { contactEmail: email });
    if (updated) this.emitChange({ kind: 'contact', conversation: updated, actor: 'customer' });
    return updated;
  }

  /**
   * Link the conversation to a user. `record` also writes it to the transition trail (a signed identity, with the
   * verified user as actor); subscribers see the customer as the actor either way.
   */
  async identify(
    conversationId: string,
    who: IdentityPatch,
    record?: { actor: string; data?: unknown },
  ): Promise<ConversationRecord | undefined> {
    const updated = await this.conversations.update(conversationId, who);
    if (!updated) return undefined;
    if (record) await this.conversations.event(updated.id, { type: 'identified', ...record });
    this.emitChange({ kind: 'identified', conversation: updated, actor: 'customer' });
    return updated;
  }

  /** Replace the signed attributes with a verified token's (`actor` is `user:<id>`). */
  async setSignedAttributes(
    conversationId: string,
    attributes: Attributes,
    actor: string,
  ): Promise<ConversationRecord | undefined> {
    const updated = await this.conversations.setSignedAttributes(conversationId, attributes);
    if (updated) this.emitChange({ kind: 'attributes', conversation: updated, actor });
    return updated;
  }

  /** Merge the page's unsigned attributes (`null` removes one); 'too_many' beyond `max` keys, undefined when missing. */
  async setVisitorAttributes(
    conversationId: string,
    changes: Record<string, AttributeValue | null>,
    max: number,
  ): Promise<ConversationRecord | 'too_many' | undefined> {
    const updated = await this.conversations.mergeVisitorAttributes(conversationId, changes, max);
    if (updated && updated !== 'too_many')
      this.emitChange({ kind: 'attributes', conversation: updated, actor: 'customer' });
    return updated;
  }

  /** Store the customer's vote on an AI answer; false when that is no AI message of this conversation. */
  async feedback(conversationId: string, messageId: string, helpful: boolean): Promise<boolean> {
    const ok = await this.conversations.feedback(conversationId, messageId, helpful);
    if (ok) this.emitChange({ kind: 'feedback', conversationId, messageId, helpful });
    return ok;
  }

  /** The customer started or stopped typing: staff watching the conversation are told (nothing is stored). */
  customerTyping(conversationId: string, typing: boolean): void {
    this.emitChange({ kind: 'typing', conversationId, typing });
  }
}
