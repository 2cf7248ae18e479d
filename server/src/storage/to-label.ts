import type { RoutingDecision } from 'switchboard-chat/protocol';
import type { Queryable } from './db.js';

/** A routed customer message of the "To label" queue, with the agent staff re-labelled it to, if they did. */
export interface ToLabelRow {
  messageId: string;
  conversationId: string;
  text: string;
  routing: Pick<RoutingDecision, 'agent' | 'confidence' | 'reason' | 'topic'>;
  correctedTo?: string;
  createdAt: string;
}

/** Which routed messages: re-labelled ones (when `corrected`), and the others decided below `below` confidence. */
export interface ToLabelFilter {
  below: number;
  limit: number;
  corrected: boolean;
  /** Routing reasons never listed (rules, not the model, decided those). */
  skipReasons: string[];
}

/** Routed customer messages to label, newest first (SQL over `messages` and `routing_corrections`). */
export async function toLabelRows(db: Queryable, f: ToLabelFilter): Promise<ToLabelRow[]> {
  const rows = await db.query<{
    id: string;
    conversation_id: string;
    text: string;
    routing: ToLabelRow['routing'];
    created_at: unknown;
    corrected: string | null;
  }>(
    `SELECT m.id, m.conversation_id, m.text, m.routing, m.created_at, c.agent AS corrected
     FROM messages m LEFT JOIN routing_corrections c ON c.message_id = m.id
     WHERE m.role = 'customer' AND m.routing IS NOT NULL
       AND ((c.message_id IS NOT NULL AND $3) OR (c.message_id IS NULL AND (m.routing->>'confidence')::float < $1 AND NOT (m.routing->>'reason' = ANY($4))))
     ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
    [f.below, f.limit, f.corrected, f.skipReasons],
  );
  return rows.map((r) => ({
    messageId: r.id,
    conversationId: r.conversation_id,
    text: r.text,
    routing: r.routing,
    ...(r.corrected ? { correctedTo: r.corrected } : {}),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
