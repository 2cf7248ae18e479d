import type { ConversationSummary } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';
import { InboxRowStore, type InboxRow } from '../storage/inbox.js';
import { verifiedOwner } from '../security/ownership.js';

/** Map an inbox row to the wire summary. */
export function toSummary(r: InboxRow): ConversationSummary {
  const c = r.conversation;
  const { routing, labels } = r;
  return {
    id: c.id,
    state: c.state,
    visitorId: c.visitorId,
    ...(c.userId ? { user: { id: c.userId, name: c.userName, email: c.userEmail, verified: !!verifiedOwner(c) } } : {}),
    ...(c.page ? { page: c.page } : {}),
    ...(c.assigneeId ? { assignee: { id: c.assigneeId, name: c.assigneeName ?? '' } } : {}),
    ...(c.contactEmail ? { contactEmail: c.contactEmail } : {}),
    ...(r.lastMessage ? { lastMessage: r.lastMessage } : {}),
    ...(c.waitingSince ? { waitingSince: c.waitingSince } : {}),
    ...(c.escalationReason ? { escalationReason: c.escalationReason } : {}),
    ...(r.handoffSummary ? { summary: r.handoffSummary } : {}),
    ...(r.offline ? { offline: true } : {}),
    ...(routing ? { routing: { agent: routing.agent, confidence: routing.confidence, reason: routing.reason } } : {}),
    ...(r.rating != null ? { rating: r.rating } : {}),
    ...(c.signedAttributes || c.visitorAttributes
      ? {
          attributes: {
            ...(c.signedAttributes ? { signed: c.signedAttributes } : {}),
            ...(c.visitorAttributes ? { unsigned: c.visitorAttributes } : {}),
          },
        }
      : {}),
    ...(labels?.length ? { labels } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The staff inbox's conversations as the console shows them, and the handoff-only conversation columns. */
export class InboxStore {
  private readonly rows: InboxRowStore;

  constructor(db: Database) {
    this.rows = new InboxRowStore(db);
  }

  /** One conversation as the inbox shows it. */
  async summary(conversationId: string): Promise<ConversationSummary | undefined> {
    const row = await this.rows.one(conversationId);
    return row && toSummary(row);
  }

  /** Several conversations as the inbox shows them, in the order of `ids`. */
  async summaries(ids: string[]): Promise<ConversationSummary[]> {
    return (await this.rows.many(ids)).map(toSummary);
  }

  /**
   * The inbox: every conversation waiting for or handled by a person, plus the most recent AI-handled and closed ones
   * (`recent` each). Conversations without messages (a widget that connected but never wrote) are left out.
   */
  async list(recent = 50): Promise<ConversationSummary[]> {
    return (await this.rows.list(recent)).map(toSummary);
  }
}
