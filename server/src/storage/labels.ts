import type { ConversationLabel } from 'switchboard-chat/protocol';
import type { Database } from './db.js';

/**
 * What adding a label did: `added` (or changed to staff's), `kept` (a rule met a row already there, a label or a staff
 * removal, and left it), `missing` (no such conversation) or `full` (the conversation has `max` other labels).
 */
export type LabelAddOutcome = 'added' | 'kept' | 'missing' | 'full';

/**
 * SQL for `conversation_labels`. A removal stays as a 'removed' row, which a rule never overwrites and only staff turn
 * back into a label.
 */
export class ConversationLabelStore {
  constructor(private readonly db: Database) {}

  /** Add a label unless the conversation already has `max` others; a rule never overwrites an existing row. */
  async add(
    conversationId: string,
    label: string,
    source: ConversationLabel['source'],
    max: number,
    by?: string,
  ): Promise<LabelAddOutcome> {
    const rows = await this.db.query(
      `INSERT INTO conversation_labels (conversation_id, label, source, created_by)
       SELECT id, $2, $3, $4 FROM conversations WHERE id = $1
         AND (SELECT count(*) FROM conversation_labels WHERE conversation_id = $1 AND label <> $2 AND source <> 'removed') < $5
       ON CONFLICT (conversation_id, label) DO UPDATE SET source = 'staff', created_by = EXCLUDED.created_by, created_at = now()
         WHERE EXCLUDED.source = 'staff'
       RETURNING 1`,
      [conversationId, label, source, by ?? null, max],
    );
    if (rows.length) return 'added';
    if (source === 'rule' && (await this.has(conversationId, label, true))) return 'kept';
    const exists = await this.db.query('SELECT 1 FROM conversations WHERE id = $1', [conversationId]);
    return exists.length ? 'full' : 'missing';
  }

  /** Remove a label (whoever set it), remembering the removal; true when there was one. */
  async remove(conversationId: string, label: string, by?: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE conversation_labels SET source = 'removed', created_by = $3, created_at = now()
       WHERE conversation_id = $1 AND label = $2 AND source <> 'removed' RETURNING 1`,
      [conversationId, label, by ?? null],
    );
    return rows.length > 0;
  }

  /** Whether a conversation has a label (or, with `anyRow`, a row for it, removed or not). */
  async has(conversationId: string, label: string, anyRow = false): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM conversation_labels WHERE conversation_id = $1 AND label = $2 ${anyRow ? '' : "AND source <> 'removed'"}`,
      [conversationId, label],
    );
    return rows.length > 0;
  }
}
