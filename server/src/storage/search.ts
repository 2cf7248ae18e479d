import type { Message, SearchQuery } from 'switchboard-chat/protocol';
import { attributeConditions } from './attribute-filters.js';
import type { Queryable } from './db.js';

// The stored column and the expression of migration 036's GIN indexes (the expression must match it exactly).
const MESSAGE_TSV = 'm.search_tsv';
const CUSTOMER_TSV = `to_tsvector('simple', coalesce(c.user_name, '') || ' ' || coalesce(c.user_email, '') || ' ' || coalesce(c.contact_email, '') || ' ' || coalesce(c.user_id, ''))`;
// websearch_to_tsquery understands words, "phrases" and -exclusions without ever failing on odd input; every term is
// then made a prefix ('refund' finds 'refunds', 'refunded') since the 'simple' configuration does not stem.
const QUERY = `regexp_replace(websearch_to_tsquery('simple', $1)::text, '''( |$)', ''':*\\1', 'g')::tsquery`;

type Row = Record<string, unknown>;

/** A message matching the search text, in the conversation it belongs to. */
export interface MessageMatch {
  conversationId: string;
  messageId: string;
  role: Message['role'];
  text: string;
  createdAt: string;
}

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
 * SQL of the console's search: PostgreSQL full text (the 'simple' configuration, every term a prefix) over messages and
 * the customer's name, e-mail and id, with the query's filters (`text` and `limit` are the caller's); same SQL on PGlite.
 */
export class SearchStore {
  constructor(private readonly db: Queryable) {}

  /** Conversations with at least one message matching the filters, most recently updated first. */
  async recent(q: SearchQuery, limit: number): Promise<string[]> {
    const params: unknown[] = [];
    const where = filters(q, params);
    params.push(limit);
    const rows = await this.db.query<Row>(
      `SELECT c.id FROM conversations c WHERE ${where} AND c.last_seq > 0 ORDER BY c.updated_at DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => String(r.id));
  }

  /** Conversations whose customer's name, e-mail or id match `text` and the filters, most recently updated first. */
  async people(q: SearchQuery, text: string, limit: number): Promise<string[]> {
    const params: unknown[] = [text];
    const where = filters(q, params);
    params.push(limit);
    const rows = await this.db.query<Row>(
      `SELECT c.id FROM conversations c WHERE ${CUSTOMER_TSV} @@ ${QUERY} AND ${where} ORDER BY c.updated_at DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => String(r.id));
  }

  /**
   * Up to `batch` messages matching `text` in conversations matching the filters, newest first, after the message
   * `cursor` when given. PostgreSQL picks between the GIN index (rare words) and walking created_at backwards testing
   * each row's stored tsvector (common words stop early). It cannot estimate how rare a "phrase" is (adjacency), so
   * phrases take their candidates from the GIN index always.
   */
  async messages(q: SearchQuery, text: string, batch: number, cursor?: string): Promise<MessageMatch[]> {
    const params: unknown[] = [text];
    const where = filters(q, params);
    if (cursor) params.push(cursor);
    // The cursor row's own timestamp, not a JavaScript copy of it (which would lose the microseconds).
    const after = cursor
      ? `AND (m.created_at, m.id) < (SELECT created_at, id FROM messages WHERE id = $${params.length})`
      : '';
    params.push(batch);
    // A materialised CTE is a fence: its rows come from the GIN index whatever the estimate.
    const [prefix, source, match] = text.includes('"')
      ? [`WITH hits AS MATERIALIZED (SELECT * FROM messages WHERE search_tsv @@ ${QUERY}) `, 'hits', 'true']
      : ['', 'messages', `${MESSAGE_TSV} @@ ${QUERY}`];
    const rows = await this.db.query<Row>(
      `${prefix}SELECT m.conversation_id, m.id AS message_id, m.role, m.text, m.created_at AS at
       FROM ${source} m JOIN conversations c ON c.id = m.conversation_id
       WHERE ${match} AND ${where} ${after}
       ORDER BY m.created_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => ({
      conversationId: String(r.conversation_id),
      messageId: String(r.message_id),
      role: r.role as Message['role'],
      text: String(r.text),
      createdAt: new Date(r.at as string).toISOString(),
    }));
  }
}
