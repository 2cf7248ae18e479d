import type { SearchHit, SearchQuery } from 'switchboard-chat/protocol';
import { attributeConditions } from '../storage/attribute-filters.js';
import type { Database } from '../storage/db.js';

// The stored column and the expression of migration 036's GIN indexes (the expression must match it exactly).
const MESSAGE_TSV = 'm.search_tsv';
const CUSTOMER_TSV = `to_tsvector('simple', coalesce(c.user_name, '') || ' ' || coalesce(c.user_email, '') || ' ' || coalesce(c.contact_email, '') || ' ' || coalesce(c.user_id, ''))`;
// websearch_to_tsquery understands words, "phrases" and -exclusions without ever failing on odd input; every term is
// then made a prefix ('refund' finds 'refunds', 'refunded') since the 'simple' configuration does not stem.
const QUERY = `regexp_replace(websearch_to_tsquery('simple', $1)::text, '''( |$)', ''':*\\1', 'g')::tsquery`;

type Row = Record<string, unknown>;

/** Build the WHERE clause of the filters (custom attributes too) over `conversations c`, appending their values to `params`. */
function filters(q: SearchQuery, params: unknown[]): string {
  const where: string[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (q.state) add((p) => `c.state = ${p}`, q.state);
  if (q.agent)
    add((p) => `EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.agent = ${p})`, q.agent);
  if (q.label)
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label = ${p} AND l.source <> 'removed')`,
      q.label,
    );
  if (q.assignee === 'none') where.push('c.assignee_id IS NULL');
  else if (q.assignee) add((p) => `c.assignee_id = ${p}`, q.assignee);
  if (q.from) add((p) => `c.created_at >= ${p}::date`, q.from.slice(0, 10));
  if (q.to) add((p) => `c.created_at < ${p}::date + 1`, q.to.slice(0, 10));
  where.push(...attributeConditions(q.attributes, params));
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
    const rows = await db.query<Row>(
      `SELECT c.id FROM conversations c WHERE ${where} AND c.last_seq > 0 ORDER BY c.updated_at DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({ conversationId: String(r.id) }));
  }
  const found = await newestMatches(db, q, text, limit);
  // The customer's name, e-mail or id: conversations found this way without a matching message come after.
  const params: unknown[] = [text];
  const where = filters(q, params);
  params.push(limit);
  const people = await db.query<Row>(
    `SELECT c.id FROM conversations c WHERE ${CUSTOMER_TSV} @@ ${QUERY} AND ${where} ORDER BY c.updated_at DESC LIMIT $${params.length}`,
    params,
  );
  for (const r of people)
    if (found.size < limit && !found.has(String(r.id))) found.set(String(r.id), { conversationId: String(r.id) });
  return [...found.values()];
}

/**
 * Matching messages newest first, so the first `limit` distinct conversations met are exactly the top ones. PostgreSQL
 * picks between the GIN index (rare words) and walking created_at backwards testing each row's stored tsvector (common
 * words stop early). It cannot estimate how rare a "phrase" is (adjacency), so phrases take their candidates from the
 * GIN index always. A conversation with many matches uses up rows: the next page continues after the last row seen.
 */
async function newestMatches(
  db: Database,
  q: SearchQuery,
  text: string,
  limit: number,
): Promise<Map<string, SearchHit>> {
  const found = new Map<string, SearchHit>();
  const batch = limit * 8;
  const phrase = text.includes('"');
  let cursor: string | undefined;
  for (let page = 0; page < 5 && found.size < limit; page++) {
    const params: unknown[] = [text];
    const where = filters(q, params);
    if (cursor) params.push(cursor);
    // The cursor row's own timestamp, not a JavaScript copy of it (which would lose the microseconds).
    const after = cursor
      ? `AND (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $${params.length})`
      : '';
    params.push(batch);
    // A materialised CTE is a fence: its rows come from the GIN index whatever the estimate.
    const [prefix, source, match] = phrase
      ? [`WITH hits AS MATERIALIZED (SELECT * FROM messages WHERE search_tsv @@ ${QUERY}) `, 'hits', 'true']
      : ['', 'messages', `${MESSAGE_TSV} @@ ${QUERY}`];
    const rows = await db.query<Row>(
      `${prefix}SELECT m.conversation_id, m.id AS message_id, m.role, m.text, m.created_at AS at
       FROM ${source} m JOIN conversations c ON c.id = m.conversation_id
       WHERE ${match} AND ${where} ${after}
       ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    for (const r of rows) {
      const id = String(r.conversation_id);
      if (!found.has(id) && found.size < limit)
        found.set(id, {
          conversationId: id,
          match: {
            messageId: String(r.message_id),
            role: String(r.role),
            text: clip(String(r.text)),
            createdAt: new Date(r.at as string).toISOString(),
          },
        });
    }
    if (rows.length < batch) break;
    const last = rows[rows.length - 1];
    cursor = String(last.message_id);
  }
  return found;
}

/** Long messages are cut around nothing in particular: the console shows a preview, the conversation has the rest. */
function clip(s: string, max = 300): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
