import type { ConversationLabel, Message, RoutingDecision } from 'switchboard-chat/protocol';
import type { Database } from './db.js';
import { toConversation, type ConversationRecord } from './rows.js';

/** A conversation as the staff inbox reads it: the row plus what the inbox shows beside it. */
export interface InboxRow {
  conversation: ConversationRecord;
  /** The last visible message that is not a system notice (the preview). */
  lastMessage?: { role: Message['role']; text: string; createdAt: string };
  /** The latest customer message's routing decision. */
  routing?: RoutingDecision;
  /** The rating of the latest closing. */
  rating?: number;
  /** Labels in the order they were set (removed ones left out). */
  labels?: ConversationLabel[];
  /** The handoff summary written at escalation. */
  handoffSummary?: string;
  /** Marked as an offline ticket (nobody could take the escalation). */
  offline: boolean;
}

// The conversation row plus its last visible non-system message (the inbox preview), latest routing decision and rating of the latest closing.
const SELECT = `
  SELECT c.*, lm.role AS lm_role, lm.text AS lm_text, lm.created_at AS lm_created_at, lr.routing AS lr_routing, r.rating AS csat_rating,
    (SELECT jsonb_agg(jsonb_build_object('name', l.label, 'source', l.source) ORDER BY l.created_at, l.label) FROM conversation_labels l
     WHERE l.conversation_id = c.id AND l.source <> 'removed') AS labels_json
  FROM conversations c
  LEFT JOIN LATERAL (SELECT role, text, created_at FROM messages WHERE conversation_id = c.id AND internal = false AND role <> 'system' ORDER BY seq DESC LIMIT 1) lm ON true
  LEFT JOIN LATERAL (SELECT routing FROM messages WHERE conversation_id = c.id AND role = 'customer' AND routing IS NOT NULL ORDER BY seq DESC LIMIT 1) lr ON true
  LEFT JOIN csat r ON r.conversation_id = c.id AND r.closed_at = c.closed_at`;

type Row = Record<string, unknown>;

const json = <T>(v: unknown): T | undefined =>
  v == null ? undefined : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

function toInboxRow(r: Row): InboxRow {
  const routing = json<RoutingDecision>(r.lr_routing);
  const labels = json<ConversationLabel[]>(r.labels_json);
  return {
    conversation: toConversation(r),
    ...(r.lm_role
      ? {
          lastMessage: {
            role: r.lm_role as Message['role'],
            text: String(r.lm_text),
            createdAt: new Date(r.lm_created_at as string).toISOString(),
          },
        }
      : {}),
    ...(routing ? { routing } : {}),
    ...(r.csat_rating != null ? { rating: Number(r.csat_rating) } : {}),
    ...(labels ? { labels } : {}),
    ...(r.handoff_summary ? { handoffSummary: String(r.handoff_summary) } : {}),
    offline: r.offline_at != null,
  };
}

/** SQL behind the staff inbox and the handoff-only conversation columns (offline ticket, handoff summary). */
export class InboxRowStore {
  constructor(private readonly db: Database) {}

  /** One conversation as the inbox reads it. */
  async one(conversationId: string): Promise<InboxRow | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE c.id = $1`, [conversationId]);
    return rows[0] ? toInboxRow(rows[0]) : undefined;
  }

  /** Several conversations, in the order of `ids` (unknown ids left out). */
  async many(ids: string[]): Promise<InboxRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.query(`${SELECT} WHERE c.id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((r) => [String(r.id), toInboxRow(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The inbox: every conversation waiting for or handled by a person, plus the most recent AI-handled and closed ones
   * (`recent` each); waiting longest first, then most recently updated. Conversations without messages are left out.
   */
  async list(recent: number): Promise<InboxRow[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE c.id IN (
         SELECT id FROM conversations WHERE state IN ('waiting_human', 'human')
         UNION ALL (SELECT id FROM conversations WHERE state = 'ai' AND last_seq > 0 ORDER BY updated_at DESC LIMIT $1)
         UNION ALL (SELECT id FROM conversations WHERE state = 'closed' ORDER BY updated_at DESC LIMIT $1))
       ORDER BY c.waiting_since NULLS LAST, c.updated_at DESC`,
      [recent],
    );
    return rows.map(toInboxRow);
  }
}
