import type { ConversationLabel, ConversationSummary, RoutingDecision } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';
import { toConversation } from '../storage/rows.js';
import { verifiedOwner } from '../security/ownership.js';

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

/** Map an inbox row to the wire summary. */
export function toSummary(r: Row): ConversationSummary {
  const c = toConversation(r);
  const routing = json<RoutingDecision>(r.lr_routing);
  const labels = json<ConversationLabel[]>(r.labels_json);
  return {
    id: c.id,
    state: c.state,
    visitorId: c.visitorId,
    ...(c.userId ? { user: { id: c.userId, name: c.userName, email: c.userEmail, verified: !!verifiedOwner(c) } } : {}),
    ...(c.page ? { page: c.page } : {}),
    ...(c.assigneeId ? { assignee: { id: c.assigneeId, name: c.assigneeName ?? '' } } : {}),
    ...(c.contactEmail ? { contactEmail: c.contactEmail } : {}),
    ...(r.lm_role
      ? {
          lastMessage: {
            role: r.lm_role as 'customer',
            text: String(r.lm_text),
            createdAt: new Date(r.lm_created_at as string).toISOString(),
          },
        }
      : {}),
    ...(c.waitingSince ? { waitingSince: c.waitingSince } : {}),
    ...(c.escalationReason ? { escalationReason: c.escalationReason } : {}),
    ...(r.handoff_summary ? { summary: String(r.handoff_summary) } : {}),
    ...(r.offline_at ? { offline: true } : {}),
    ...(routing ? { routing: { agent: routing.agent, confidence: routing.confidence, reason: routing.reason } } : {}),
    ...(r.csat_rating != null ? { rating: Number(r.csat_rating) } : {}),
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

/** SQL behind the staff inbox and the handoff-only conversation columns. */
export class InboxStore {
  constructor(private readonly db: Database) {}

  /** One conversation as the inbox shows it. */
  async summary(conversationId: string): Promise<ConversationSummary | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE c.id = $1`, [conversationId]);
    return rows[0] ? toSummary(rows[0]) : undefined;
  }

  /** Several conversations as the inbox shows them, in the order of `ids`. */
  async summaries(ids: string[]): Promise<ConversationSummary[]> {
    if (!ids.length) return [];
    const rows = await this.db.query(`${SELECT} WHERE c.id = ANY($1::text[])`, [ids]);
    const byId = new Map(rows.map((r) => [String(r.id), toSummary(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * The inbox: every conversation waiting for or handled by a person, plus the most recent AI-handled and closed ones
   * (`recent` each). Conversations without messages (a widget that connected but never wrote) are left out.
   */
  async list(recent = 50): Promise<ConversationSummary[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE c.id IN (
         SELECT id FROM conversations WHERE state IN ('waiting_human', 'human')
         UNION ALL (SELECT id FROM conversations WHERE state = 'ai' AND last_seq > 0 ORDER BY updated_at DESC LIMIT $1)
         UNION ALL (SELECT id FROM conversations WHERE state = 'closed' ORDER BY updated_at DESC LIMIT $1))
       ORDER BY c.waiting_since NULLS LAST, c.updated_at DESC`,
      [recent],
    );
    return rows.map(toSummary);
  }

  /** Mark an escalation nobody could take (outside hours or no staff online) as an offline ticket. */
  async markOffline(conversationId: string, offline: boolean): Promise<void> {
    await this.db.query('UPDATE conversations SET offline_at = CASE WHEN $2 THEN now() ELSE NULL END WHERE id = $1', [
      conversationId,
      offline,
    ]);
  }

  /** Store the handoff summary built at escalation. */
  async setSummary(conversationId: string, summary: string): Promise<void> {
    await this.db.query('UPDATE conversations SET handoff_summary = $2 WHERE id = $1', [conversationId, summary]);
  }
}
