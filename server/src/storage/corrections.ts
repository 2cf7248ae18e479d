import type { RoutingCorrection } from 'switchboard-chat/protocol';
import type { Database } from './db.js';

/** A labelled example as `train-router` and `eval routing` read it (one JSON object per line). */
export interface LabelledExample {
  text: string;
  agent: string;
}

/** SQL for `routing_corrections`, made by staff in the console: the router's training data from real traffic. */
export class CorrectionStore {
  constructor(private readonly db: Database) {}

  /**
   * Re-label a customer message's routing; the latest label for a message wins. Returns undefined when the
   * message is not a customer message.
   */
  async relabel(messageId: string, agent: string, staffId?: string): Promise<RoutingCorrection | undefined> {
    const rows = await this.db.query(
      `INSERT INTO routing_corrections (message_id, conversation_id, text, original_agent, agent, staff_id)
       SELECT id, conversation_id, text, COALESCE(routing->>'agent', agent), $2, $3 FROM messages WHERE id = $1 AND role = 'customer'
       ON CONFLICT (message_id) DO UPDATE SET agent = EXCLUDED.agent, staff_id = EXCLUDED.staff_id, created_at = now()
       RETURNING conversation_id, message_id, agent, original_agent, staff_id`,
      [messageId, agent, staffId ?? null],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      conversationId: r.conversation_id as string,
      messageId: r.message_id as string,
      agent: r.agent as string,
      ...(r.original_agent ? { originalAgent: r.original_agent as string } : {}),
      ...(r.staff_id ? { by: r.staff_id as string } : {}),
    };
  }

  /** The corrections of one conversation: message id → agent. */
  async forConversation(conversationId: string): Promise<Record<string, string>> {
    const rows = await this.db.query<{ message_id: string; agent: string }>(
      'SELECT message_id, agent FROM routing_corrections WHERE conversation_id = $1',
      [conversationId],
    );
    return Object.fromEntries(rows.map((r) => [r.message_id, r.agent]));
  }

  /** Every correction as a labelled example, oldest first, read in pages so a large table never sits in memory at once. */
  async *examples(pageSize = 1000): AsyncGenerator<LabelledExample> {
    let after = '';
    let afterId = '';
    for (;;) {
      // The cursor is the database's own text of the timestamp: a JavaScript Date keeps milliseconds only, and a row
      // stored with microseconds would then come again on the next page (for ever, with pages of one).
      const rows = await this.db.query<{ text: string; agent: string; at: string; message_id: string }>(
        `SELECT text, agent, created_at::text AS at, message_id FROM routing_corrections
         WHERE ($1 = '' OR (created_at, message_id) > ($1::timestamptz, $2)) ORDER BY created_at, message_id LIMIT $3`,
        [after, afterId, pageSize],
      );
      for (const r of rows) yield { text: r.text, agent: r.agent };
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = last.at;
      afterId = last.message_id;
    }
  }
}
