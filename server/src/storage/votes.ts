import type { Database } from './db.js';

/** The newest votes a refit reads: plenty for two parameters, and a bounded query however long a site runs. */
export const MAX_VOTES = 5000;

/** SQL for the "Was this helpful?" votes on sourced answers, with the shipped model's answer confidence of each. */
export class VoteStore {
  constructor(private readonly db: Database) {}

  /**
   * The newest votes on AI answers that cited a source, newest first. The confidence is the shipped model's
   * (`meta.modelConfidence`); replies stored before it was kept showed that one as `confidence`.
   */
  async answerVotes(limit = MAX_VOTES): Promise<Array<{ confidence: number; helpful: boolean }>> {
    const rows = await this.db.query(
      `SELECT COALESCE((m.meta->>'modelConfidence')::float8, m.confidence) AS confidence, f.helpful
       FROM feedback f JOIN messages m ON m.id = f.message_id
       WHERE m.role = 'ai' AND m.sources IS NOT NULL AND jsonb_array_length(m.sources) > 0
         AND COALESCE((m.meta->>'modelConfidence')::float8, m.confidence) IS NOT NULL
       ORDER BY f.created_at DESC, f.message_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ confidence: Number(r.confidence), helpful: r.helpful === true }));
  }
}
