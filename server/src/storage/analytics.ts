import { attributeConditions } from './attribute-filters.js';
import type { Queryable } from './db.js';

/** The conversations a report covers: created in [from, to), optionally routed to one agent and with these attributes. */
export interface AnalyticsScope {
  from: Date;
  to: Date;
  agent?: string;
  /** Custom attribute values (signed ones win over unsigned ones of the same name; compared as text). */
  attributes?: Record<string, string>;
}

/** The headline counts of the conversations in scope. */
export interface AnalyticsTotals {
  conversations: number;
  /** Messages other than internal notes. */
  messages: number;
  customerMessages: number;
  escalated: number;
  /** Answered by the AI, never escalated, no unhelpful feedback. */
  resolved: number;
  helpful: number;
  unhelpful: number;
}

/** Average seconds from a customer message to the next AI or human message (all of them, and each conversation's first). */
export interface ResponseTimes {
  avgAi: number | null;
  avgHuman: number | null;
  firstAi: number | null;
  firstHuman: number | null;
}

/**
 * A scope as the `conv` CTE and its parameters: $1 from, $2 to, $3 the agent when set, then the attribute filters' names
 * and values (after the agent's $3 so that stays put).
 */
function scopeSql(s: AnalyticsScope): { conv: string; params: unknown[] } {
  const window = `c.created_at >= $1 AND c.created_at < $2`;
  // With an agent filter: conversations routed to that agent at least once.
  const scope = s.agent
    ? `${window} AND EXISTS (SELECT 1 FROM messages a WHERE a.conversation_id = c.id AND a.role = 'customer' AND a.agent = $3)`
    : window;
  const params: unknown[] = [s.from.toISOString(), s.to.toISOString(), ...(s.agent ? [s.agent] : [])];
  const attrs = attributeConditions(s.attributes, params).map((sql) => ` AND ${sql}`);
  return { conv: `SELECT c.* FROM conversations c WHERE ${scope}${attrs.join('')}`, params };
}

/**
 * Run a query over the scope: `WITH conv AS (…)` and then `rest` (more CTEs after a comma, or the SELECT), which is told
 * whether the agent filter's $3 is bound.
 */
export async function queryScope(
  db: Queryable,
  s: AnalyticsScope,
  rest: (byAgent: boolean) => string,
): Promise<Record<string, unknown>[]> {
  const { conv, params } = scopeSql(s);
  return db.query(`WITH conv AS (${conv})${rest(Boolean(s.agent))}`, params);
}

/** A count or sum as a number (drivers return bigint and numeric as strings; a missing row counts 0). */
export const num = (v: unknown): number => (v == null ? 0 : Number(v));
const orNull = (v: unknown): number | null => (v == null ? null : Number(v));

/** SQL of the support lead's report, part one: the headline totals, response times and CSAT of a scope. */
export class AnalyticsStore {
  constructor(private readonly db: Queryable) {}

  /** Conversations, messages, escalations, AI resolutions and feedback in scope. */
  async totals(s: AnalyticsScope): Promise<AnalyticsTotals> {
    const [r] = await queryScope(
      this.db,
      s,
      () => `,
    esc AS (SELECT DISTINCT conversation_id FROM conversation_events WHERE type = 'escalated' AND conversation_id IN (SELECT id FROM conv)),
    neg AS (SELECT DISTINCT conversation_id FROM feedback WHERE helpful = false AND conversation_id IN (SELECT id FROM conv))
    SELECT (SELECT count(*) FROM conv) AS conversations,
      (SELECT count(*) FROM messages WHERE conversation_id IN (SELECT id FROM conv) AND internal = false) AS messages,
      (SELECT count(*) FROM messages WHERE conversation_id IN (SELECT id FROM conv) AND role = 'customer') AS customer_messages,
      (SELECT count(*) FROM esc) AS escalated,
      (SELECT count(*) FROM conv WHERE id NOT IN (SELECT conversation_id FROM esc) AND id NOT IN (SELECT conversation_id FROM neg)
         AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = conv.id AND m.role = 'ai')) AS resolved,
      (SELECT count(*) FILTER (WHERE helpful) FROM feedback WHERE conversation_id IN (SELECT id FROM conv)) AS helpful,
      (SELECT count(*) FILTER (WHERE NOT helpful) FROM feedback WHERE conversation_id IN (SELECT id FROM conv)) AS unhelpful`,
    );
    return {
      conversations: num(r.conversations),
      messages: num(r.messages),
      customerMessages: num(r.customer_messages),
      escalated: num(r.escalated),
      resolved: num(r.resolved),
      helpful: num(r.helpful),
      unhelpful: num(r.unhelpful),
    };
  }

  /** Response times in seconds, null where nobody of that kind answered. */
  async responseTimes(s: AnalyticsScope): Promise<ResponseTimes> {
    // Each customer message to the next AI or human message of the same conversation.
    const [r] = await queryScope(
      this.db,
      s,
      () => `,
    pairs AS (
      SELECT m.conversation_id, m.seq, m.created_at AS asked,
        (SELECT r.role FROM messages r WHERE r.conversation_id = m.conversation_id AND r.seq > m.seq AND r.role IN ('ai', 'human') AND r.internal = false ORDER BY r.seq LIMIT 1) AS responder,
        (SELECT r.created_at FROM messages r WHERE r.conversation_id = m.conversation_id AND r.seq > m.seq AND r.role IN ('ai', 'human') AND r.internal = false ORDER BY r.seq LIMIT 1) AS answered
      FROM messages m WHERE m.role = 'customer' AND m.conversation_id IN (SELECT id FROM conv)),
    firsts AS (SELECT DISTINCT ON (conversation_id) conversation_id, responder, answered, asked FROM pairs WHERE answered IS NOT NULL ORDER BY conversation_id, seq)
    SELECT
      (SELECT avg(extract(epoch FROM answered - asked)) FROM pairs WHERE responder = 'ai') AS avg_ai,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM pairs WHERE responder = 'human') AS avg_human,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM firsts WHERE responder = 'ai') AS first_ai,
      (SELECT avg(extract(epoch FROM answered - asked)) FROM firsts WHERE responder = 'human') AS first_human`,
    );
    return {
      avgAi: orNull(r.avg_ai),
      avgHuman: orNull(r.avg_human),
      firstAi: orNull(r.first_ai),
      firstHuman: orNull(r.first_human),
    };
  }

  /** The average 1–5 rating (null without ratings) and the number of ratings. */
  async csat(s: AnalyticsScope): Promise<{ average: number | null; ratings: number }> {
    const [r] = await queryScope(
      this.db,
      s,
      () => `
    SELECT avg(rating) AS average, count(*) AS ratings FROM csat WHERE conversation_id IN (SELECT id FROM conv)`,
    );
    return { average: orNull(r.average), ratings: num(r.ratings) };
  }
}
