import type { Database } from '../storage/db.js';
import type { ConversationRecord } from '../storage/rows.js';
import { AppError } from '../util/errors.js';

/** A stored customer-satisfaction rating. */
export interface CsatRecord {
  conversationId: string;
  staffId?: string;
  staffName?: string;
  rating: number;
  comment?: string;
  createdAt: string;
}

/** CSAT ratings: one per closing of a conversation, attributed to the person who handled it. */
export class CsatStore {
  constructor(private readonly db: Database) {}

  /** Store (or change) the rating of the conversation's latest closing; only a closed conversation can be rated. */
  async rate(conversation: ConversationRecord, rating: number, comment?: string): Promise<CsatRecord> {
    if (conversation.state !== 'closed' || !conversation.closedAt)
      throw new AppError('forbidden', 'Only a closed conversation can be rated.');
    const rows = await this.db.query(
      `INSERT INTO csat (conversation_id, closed_at, staff_id, staff_name, rating, comment) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id, closed_at) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = now()
       RETURNING *`,
      [
        conversation.id,
        conversation.closedAt,
        conversation.assigneeId ?? null,
        conversation.assigneeName ?? null,
        rating,
        comment?.trim() || null,
      ],
    );
    return toCsat(rows[0]);
  }

  /** Every rating of a conversation, oldest first. */
  async forConversation(conversationId: string): Promise<CsatRecord[]> {
    return (
      await this.db.query('SELECT * FROM csat WHERE conversation_id = $1 ORDER BY created_at', [conversationId])
    ).map(toCsat);
  }
}

function toCsat(r: Record<string, unknown>): CsatRecord {
  return {
    conversationId: r.conversation_id as string,
    ...(r.staff_id ? { staffId: r.staff_id as string } : {}),
    ...(r.staff_name ? { staffName: r.staff_name as string } : {}),
    rating: Number(r.rating),
    ...(r.comment ? { comment: r.comment as string } : {}),
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}
