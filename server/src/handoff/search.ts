import type { SearchHit, SearchQuery } from 'switchboard-chat/protocol';
import type { Database } from '../storage/db.js';

// These two expressions must match the GIN expression indexes of migration 036 exactly, or PostgreSQL scans.
const MESSAGE_TSV = `to_tsvector('simple', m.text)`;
const CUSTOMER_TSV = `to_tsvector('simple', coalesce(c.user_name, '') || ' ' || coalesce(c.user_email, '') || ' ' || coalesce(c.contact_email, '') || ' ' || coalesce(c.user_id, ''))`;
// websearch_to_tsquery understands words, "phrases" and -exclusions without ever failing on odd input; every term is
// then made a prefix ('refund' finds 'refunds', 'refunded') since the 'simple' configuration does not stem.
const QUERY = `regexp_replace(websearch_to_tsquery('simple', $1)::text, '''( |$)', ''':*\\1', 'g')::tsquery`;

type Row = Record<string, unknown>;

/** Build the WHERE clause of the filters over `conversations c`, appending their values to `params`. */
function filters(q: SearchQuery, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.state) add((p) => `c.state = ${p}`, q.state);
  if (q.agent) add((p) => `EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.agent = ${p})`, q.agent);
  if (q.label) add((p) => `EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ${p} AND l.source <> 'removed')`, q.label);
  if (q.assignee === 'none') where.push('c.assignee_id IS NULL');
  else if (q.assignee) add((p) => `c.assignee_id = ${p}`, q.assignee);
  if (q.from) add((p) => `c.created_at >= ${p}::date`, q.from.slice(0, 10));
  if (q.to) add((p) => `c.created_at < ${p}::date + 1`, q.to.slice(0, 10));
  return where.length ? where.join(' AND ') : 'true';
}

/**
 * The console's search: PostgreSQL full text over every message (internal notes included: only staff search) and the
 * customer's name, e-mail and id, with filters; the same SQL on PGlite. Newest activity first.
 */
export async function searchConversations(db: Database, q: SearchQuery): Promise<SearchHit[]> {
  const limit = q.limit ?? 50;
  const text = q.text?.trim();
  if (!text) {
    const params: unknown[] = [];
    const where = filters(q, params);
    params.push(limit);
    const rows = await db.query<Row>(`SELECT c.id FROM conversations c WHERE ${where} AND c.last_seq > 0 ORDER BY c.updated_at DESC LIMIT $${params.length}`, params);
    return rows.map((r) => ({ conversationId: String(r.id) }));
  }
  const params: unknown[] = [text];
  const where = filters(q, params);
  params.push(limit);
  // The newest matching message per conversation, or the conversation itself when the customer fields match.
  const rows = await db.query<Row>(
    `WITH q AS (SELECT ${QUERY} AS q),
     found AS (
       SELECT m.conversation_id, m.id AS message_id, m.role, m.text, m.created_at AS at FROM messages m, q WHERE ${MESSAGE_TSV} @@ q.q
       UNION ALL
       SELECT c.id, NULL, NULL, NULL, c.updated_at FROM conversations c, q WHERE ${CUSTOMER_TSV} @@ q.q
     ),
     best AS (SELECT DISTINCT ON (conversation_id) * FROM found ORDER BY conversation_id, (message_id IS NULL), at DESC)
     SELECT b.* FROM best b JOIN conversations c ON c.id = b.conversation_id
     WHERE ${where} ORDER BY b.at DESC LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => ({
    conversationId: String(r.conversation_id),
    ...(r.message_id ? { match: { messageId: String(r.message_id), role: String(r.role), text: clip(String(r.text)), createdAt: new Date(r.at as string).toISOString() } } : {}),
  }));
}

/** Long messages are cut around nothing in particular: the console shows a preview, the conversation has the rest. */
function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
