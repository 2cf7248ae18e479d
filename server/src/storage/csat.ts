import type { Database } from './db.js';

/** A stored customer-satisfaction rating. */
export interface CsatRecord {
  conversationId: string;
  staffId?: string;
  staffName?: string;
  rating: number;
  comment?: string;
  createdAt: string;
}

/** A rating to store: one per closing (`closedAt`) of a conversation, attributed to who handled it. */
export interface CsatInput {
  conversationId: string;
  closedAt: string;
  staffId?: string;
  staffName?: string;
  rating: number;
  comment?: string;
}

/** SQL for `csat`: one rating per closing of a conversation; rating the same closing again changes it. */
export class RatingStore {
  constructor(private readonly db: Database) {}

  /** Store (or change) the rating of one closing; the first rater's attribution is kept. */
  async save(input: CsatInput): Promise<CsatRecord> {
    const rows = await this.db.query(
      `INSERT INTO csat (conversation_id, closed_at, staff_id, staff_name, rating, comment) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (conversation_id, closed_at) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = now()
       RETURNING *`,
      [
        input.conversationId,
        input.closedAt,
        input.staffId ?? null,
        input.staffName ?? null,
        input.rating,
        input.comment || null,
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
