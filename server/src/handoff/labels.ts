import type { ConversationLabel } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';
import { AppError } from '../util/errors.js';

/**
 * Labels on conversations: staff add and remove any; rules add theirs unless staff removed that label before (the
 * removal stays as a 'removed' row, which only staff can turn back into a label).
 */
export class LabelStore {
  constructor(
    private readonly db: Database,
    private readonly maxPerConversation: number,
  ) {}

  /** Add a label; refused with `invalid_payload` past the per-conversation limit, `not_found` without the conversation. */
  async add(conversationId: string, label: string, source: ConversationLabel['source'], by?: string): Promise<void> {
    const rows = await this.db.query(
      `INSERT INTO conversation_labels (conversation_id, label, source, created_by)
       SELECT id, $2, $3, $4 FROM conversations WHERE id = $1
         AND (SELECT count(*) FROM conversation_labels WHERE conversation_id = $1 AND label <> $2 AND source <> 'removed') < $5
       ON CONFLICT (conversation_id, label) DO UPDATE SET source = 'staff', created_by = EXCLUDED.created_by, created_at = now()
         WHERE EXCLUDED.source = 'staff'
       RETURNING 1`,
      [conversationId, label, source, by ?? null, this.maxPerConversation],
    );
    if (rows.length || (source === 'rule' && (await this.has(conversationId, label, true)))) return;
    const exists = await this.db.query('SELECT 1 FROM conversations WHERE id = $1', [conversationId]);
    if (!exists.length) throw new AppError('not_found', 'No such conversation.');
    throw new AppError('invalid_payload', `label: at most ${this.maxPerConversation} labels per conversation`, {
      field: 'label',
    });
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
