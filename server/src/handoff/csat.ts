import { RatingStore, type CsatRecord } from '../storage/csat.js';
import type { Database } from '../storage/db.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';

export type { CsatRecord } from '../storage/csat.js';

/** CSAT ratings: one per closing of a conversation, attributed to the person who handled it. */
export class CsatStore {
  private readonly ratings: RatingStore;

  constructor(db: Database) {
    this.ratings = new RatingStore(db);
  }

  /** Store (or change) the rating of the conversation's latest closing; only a closed conversation can be rated. */
  async rate(conversation: ConversationRecord, rating: number, comment?: string): Promise<CsatRecord> {
    if (conversation.state !== 'closed' || !conversation.closedAt)
      throw new AppError('forbidden', 'Only a closed conversation can be rated.');
    return this.ratings.save({
      conversationId: conversation.id,
      closedAt: conversation.closedAt,
      staffId: conversation.assigneeId,
      staffName: conversation.assigneeName,
      rating,
      comment: comment?.trim(),
    });
  }

  /** Every rating of a conversation, oldest first. */
  forConversation(conversationId: string): Promise<CsatRecord[]> {
    return this.ratings.forConversation(conversationId);
  }
}
